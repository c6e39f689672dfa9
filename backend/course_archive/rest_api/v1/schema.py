"""OpenAPI descriptions drf-spectacular cannot infer on its own."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
