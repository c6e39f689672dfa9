"""OpenAPI descriptions drf-spectacular cannot infer on its own."""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema


class JwtAuthenticationScheme(OpenApiAuthenticationExtension):
    """edx-drf-extensions' JWT: ``Authorization: JWT <token>``, or the LMS's split JWT cookie."""

    target_class = "edx_rest_framework_extensions.auth.jwt.authentication.JwtAuthentication"
    name = "jwtAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                'An Open edX JWT, sent as "JWT <token>" (or as the LMS\'s JWT cookies with "USE-JWT-COOKIE").'
            ),
        }


class InactiveUserSessionScheme(SessionScheme):
    """edx-drf-extensions' session authentication that lets in accounts not activated yet: a session cookie."""

    target_class = "edx_rest_framework_extensions.auth.session.authentication.SessionAuthenticationAllowInactiveUser"


_ERROR = {"$ref": "#/components/schemas/Error"}
_FIELD_ERRORS = {"$ref": "#/components/schemas/FieldErrors"}
# Answers any operation may give, whatever it is: (status, description, body schema).
_ANY_OPERATION = (
    ("400", "Invalid input: each bad field or query parameter with its messages.", _FIELD_ERRORS),
    ("401", "Not authenticated.", _ERROR),
    ("403", "Not permitted (another learner's user, or a missing CSRF token).", _ERROR),
    ("404", "No such status visible to you, or a page beyond the last.", _ERROR),
    ("406", "No acceptable response media type.", _ERROR),
    ("429", "Too many requests; retry after the Retry-After header's seconds.", _ERROR),
)
# Answers of operations that take a body.
_WITH_BODY = (
    ("409", "The status is being changed by another request; try again.", _ERROR),
    ("413", "The body is larger than COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES.", _ERROR),
    ("415", "The body is not JSON.", _ERROR),
)


def document_error_responses(result):
    """Add the API's JSON error answers to every operation of the OpenAPI document ``result``."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        "Error",
        {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
    )
    schemas.setdefault(
        "FieldErrors",
        {
            "type": "object",
            "description": "Field or parameter names (or detail / non_field_errors) mapped to their messages.",
            "additionalProperties": {},
        },
    )
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = _ANY_OPERATION + (_WITH_BODY if "requestBody" in operation else ())
            for code, description, body in errors:
                operation["responses"].setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": body}}}
                )
    return result


class CourseArchiveSchemaGenerator(SchemaGenerator):
    """drf-spectacular's generator, with the error answers every operation may give."""

    def get_schema(self, request=None, public=False):
        return document_error_responses(super().get_schema(request=request, public=public))


class CourseArchiveAutoSchema(AutoSchema):
    """
    drf-spectacular's ``AutoSchema``, with each operation's summary, parameters, body and answers read from
    the view's ``openapi`` dict (``{action or method: {"summary", "parameters", "request", "responses"}}``).

    drf-spectacular's ``@extend_schema`` builds on the host's ``DEFAULT_SCHEMA_CLASS``, which the LMS leaves
    at DRF's own: decorated views then fail to describe themselves. Set on the views, this class makes the
    schema the same whatever the host's REST_FRAMEWORK says.
    """

    def _operation(self):
        name = getattr(self.view, "action", None) or self.method.lower()
        return getattr(self.view, "openapi", {}).get(name, {})

    def get_summary(self):
        return self._operation().get("summary") or super().get_summary()

    def get_override_parameters(self):
        return [*super().get_override_parameters(), *self._operation().get("parameters", ())]

    def get_request_serializer(self):
        operation = self._operation()
        return operation["request"] if "request" in operation else super().get_request_serializer()

    def get_response_serializers(self):
        operation = self._operation()
        return operation["responses"] if "responses" in operation else super().get_response_serializers()
