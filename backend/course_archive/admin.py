"""Django admin for inspecting and steering learners' archive statuses."""

from config_models.admin import KeyedConfigurationModelAdmin
from django.contrib import admin, messages

from course_archive import api
from course_archive.models import AboutPageUrlRule, CourseArchiveStatus, CourseCatalogInfo


@admin.register(CourseArchiveStatus)
class CourseArchiveStatusAdmin(admin.ModelAdmin):
    """Statuses with their learner and course; bulk archive/unarchive go through ``api.py``."""

    list_display = (
        "id",
        "username",
        "course_id",
        "course_name",
        "course_end",
        "is_archived",
        "archive_date",
        "last_synced",
        "updated_at",
    )
    list_filter = ("is_archived", "archive_date", "created_at", "updated_at")
    search_fields = ("=course_id", "user__username")
    raw_id_fields = ("user",)
    readonly_fields = ("archive_date", "last_synced", "created_at", "updated_at")
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

    @admin.display(description="user", ordering="user__username")
    def username(self, obj):
        return obj.user.username

    @admin.display(description="course name", ordering="catalog_info__name")
    def course_name(self, obj):
        return obj.catalog_info.name if obj.catalog_info else "-"

    @admin.display(description="last synced", ordering="catalog_info__last_synced")
    def last_synced(self, obj):
        # Kept on the course's catalog row, joined in the changelist's query.
        return obj.last_synced

    @admin.display(description="course end", ordering="catalog_info__end")
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

    @admin.action(description="Archive the selected statuses")
    def archive_selected(self, request, queryset):
        changed = api.bulk_set_archive_state_for_rows(queryset, True)
        self.message_user(request, f"Archived {changed} status(es).", messages.SUCCESS)

    @admin.action(description="Unarchive the selected statuses")
    def unarchive_selected(self, request, queryset):
        changed = api.bulk_set_archive_state_for_rows(queryset, False)
        self.message_user(request, f"Unarchived {changed} status(es).", messages.SUCCESS)


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
