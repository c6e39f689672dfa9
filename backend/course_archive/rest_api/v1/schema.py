"""OpenAPI descriptions drf-spectacular cannot infer on its own."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator


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
    ("413", "The body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE.", _ERROR),
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
