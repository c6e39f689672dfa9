"""Django admin for inspecting and steering learners' archive statuses, with the overview page."""

from config_models.admin import KeyedConfigurationModelAdmin
from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from course_archive import api
from course_archive.admin_overview import overview_view
from course_archive.models import AboutPageUrlRule, CourseArchiveStatus, CourseCatalogInfo


class OrgFilter(admin.SimpleListFilter):
    """Statuses of one org's courses (the orgs of the courses the catalog knows)."""

    title = _("org")
    parameter_name = "org"

    def lookups(self, request, model_admin):
        return [(org, org) for org in api.known_orgs()]

    def queryset(self, request, queryset):
        return api.statuses_of_org(queryset, self.value()) if self.value() else queryset


class AutoArchiveFilter(admin.SimpleListFilter):
    """Statuses of courses that the auto-archive policy covers today, or does not."""

    title = _("auto-archive")
    parameter_name = "auto_archive"

    def lookups(self, request, model_admin):
        return [("covered", _("Course auto-archived today")), ("not_covered", _("Course not auto-archived"))]

    def queryset(self, request, queryset):
        if self.value() in ("covered", "not_covered"):
            return api.statuses_by_auto_archive(queryset, covered=self.value() == "covered")
        return queryset


def _compact_time(value):
    """A time as "2026-12-06" over "22:45" (the current time zone): two narrow lines instead of one wide."""
    if value is None:
        return "-"
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}<br>{}</time>', local.isoformat(), local.strftime("%Y-%m-%d"), local.strftime("%H:%M")
    )


def _changelist_url(**query):
    return reverse("admin:course_archive_coursearchivestatus_changelist") + "?" + urlencode(query)


@admin.register(CourseArchiveStatus)
class CourseArchiveStatusAdmin(admin.ModelAdmin):
    """Statuses with their learner and course; bulk archive/unarchive go through ``api.py``."""

    # Narrow columns, so that the list and its filters fit a 1280 px wide window; the course's end and
    # last sync are on each status's page.
    list_display = ("state", "learner", "course", "archived_on", "updated")
    list_display_links = ("state",)
    list_filter = ("is_archived", OrgFilter, AutoArchiveFilter, "archive_date", "updated_at")
    # The search box; what it matches is ``api.search_statuses`` (``get_search_results``).
    search_fields = ("course_id",)
    raw_id_fields = ("user",)
    readonly_fields = ("archive_date", "course_name", "course_end", "last_synced", "created_at", "updated_at")
    # The catalog facts are joined in the changelist's query (a LEFT JOIN: the statuses' recency index still
    # serves the page); the page's learners come in one more query (``get_queryset``). Joining the LMS's
    # large user table made MariaDB read the users first and sort every status to find a page.
    list_select_related = ("catalog_info",)
    # No COUNT of the whole table on any page: the count of every row is the database's estimate on a large
    # table, a filtered list counts at most COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD rows (api.py).
    show_full_result_count = False
    paginator = api.EstimatedCountPaginator
    actions = ("archive_selected", "unarchive_selected")

    change_list_template = "admin/course_archive/coursearchivestatus/change_list.html"

    @property
    def search_help_text(self):
        if api.search_mode() == "substring":
            return _(
                "Matches course ids, usernames and emails containing each word, and course names. "
                "Several words: statuses matching all of them."
            )
        return _(
            "A word with “:”, “+” or “/” matches course ids starting with it (with or "
            "without “course-v1:”); a word with “@”, emails starting with it; any other word, "
            "usernames starting with it. Every word also matches the ids and names of the catalog's courses "
            "containing it. Several words: statuses matching all of them."
        )

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return api.search_statuses(queryset, search_term), False

    def get_urls(self):
        view = self.admin_site.admin_view(overview_view(self))
        return [path("overview/", view, name="course_archive_overview"), *super().get_urls()]

    # Above COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD rows only the id sorts without reading every row.
    SORTABLE_WHEN_LARGE = ("id",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("user")

    def get_sortable_by(self, request):
        if api.table_count(CourseArchiveStatus)[1]:
            return self.SORTABLE_WHEN_LARGE
        return super().get_sortable_by(request)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "state_counts": api.status_counts()})

    @admin.display(description=_("learner"), ordering="user__username")
    def learner(self, obj):
        return format_html(
            '<a href="{}" title="{}">{}</a>',
            _changelist_url(user=obj.user_id),
            _("Every status of this learner"),
            obj.user.username,
        )

    @admin.display(description=_("course"), ordering="course_id")
    def course(self, obj):
        name = obj.catalog_info.name if obj.catalog_info else ""
        return format_html(
            '<a href="{}" title="{}">{}</a><br><small>{}</small>',
            _changelist_url(course_id=str(obj.course_id)),
            _("Every status of this course"),
            obj.course_id,
            name,
        )

    @admin.display(description=_("state"), ordering="is_archived")
    def state(self, obj):
        # Words, not an icon: the link to the status's page, read out as what it is.
        return _("Archived") if obj.is_archived else _("Active")

    @admin.display(description=_("archived on"), ordering="archive_date")
    def archived_on(self, obj):
        return _compact_time(obj.archive_date)

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, obj):
        return _compact_time(obj.updated_at)

    @admin.display(description=_("course name"), ordering="catalog_info__name")
    def course_name(self, obj):
        return obj.catalog_info.name if obj.catalog_info else "-"

    @admin.display(description=_("last synced"), ordering="catalog_info__last_synced")
    def last_synced(self, obj):
        # Kept on the course's catalog row, joined in the changelist's query.
        return obj.last_synced

    @admin.display(description=_("course end"), ordering="catalog_info__end")
    def course_end(self, obj):
        return obj.catalog_info.end if obj.catalog_info else None

    def get_readonly_fields(self, request, obj=None):
        # A status's course and learner are fixed once it exists.
        if obj is not None:
            return (*self.readonly_fields, "course_id", "user")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            api.update_status(CourseArchiveStatus.objects.get(pk=obj.pk), is_archived=obj.is_archived, source="admin")
        else:
            created = api.create_status(obj.user, obj.course_id, obj.is_archived, source="admin")
            obj.pk = created.pk

    def delete_model(self, request, obj):
        api.delete_status(obj, source="admin")

    def delete_queryset(self, request, queryset):
        # Row by row, through the API, so each deleted archived row is tracked as an unarchive.
        for status in queryset:
            api.delete_status(status, source="admin")

    @admin.action(description=_("Archive the selected statuses"))
    def archive_selected(self, request, queryset):
        changed = api.bulk_set_archive_state_for_rows(queryset, True)
        message = ngettext("Archived %(count)d status.", "Archived %(count)d statuses.", changed)
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Unarchive the selected statuses"))
    def unarchive_selected(self, request, queryset):
        changed = api.bulk_set_archive_state_for_rows(queryset, False)
        message = ngettext("Unarchived %(count)d status.", "Unarchived %(count)d statuses.", changed)
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)


@admin.register(CourseCatalogInfo)
class CourseCatalogInfoAdmin(admin.ModelAdmin):
    """Catalog facts as the platform last announced them; read-only, the events own them."""

    list_display = (
        "course_id",
        "name",
        "start",
        "end",
        "pacing",
        "hidden",
        "invitation_only",
        "event_time",
        "last_synced",
    )
    list_filter = ("pacing", "hidden", "invitation_only")
    search_fields = ("=course_id", "name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AboutPageUrlRule)
class AboutPageUrlRuleAdmin(KeyedConfigurationModelAdmin):
    """
    About-page URL rules. Every save is a new row (django-config-models keeps the history); the
    current rule of each (org, priority) is the newest.
    """

    list_display = ("org", "priority", "template", "enabled", "change_date", "changed_by")
