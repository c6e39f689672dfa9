"""URLs of the demo host: the plugin's come from edx-django-utils, as in the LMS."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from edx_django_utils.plugins import get_plugin_url_patterns

from demo_host import views

LMS = "lms.djangoapp"

urlpatterns = [
    path("", views.index, name="index"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(template_name="demo_host/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("login_refresh", views.login_refresh, name="login_refresh"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("api/learner_home/init/", views.LearnerHomeInitView.as_view(), name="learner_home_init"),
    path("api/ping/", views.PingView.as_view(), name="ping"),
    path("", include("csrf.urls")),
    *get_plugin_url_patterns(LMS),
]
