/**
 * The widgets of the legacy world (frontend-plugin-framework in the learner-dashboard MFE), with
 * the frontend-platform adapter around them.
 */
import { CourseCardArchiveAction as CardAction } from './CourseCardArchiveAction';
import { CourseListArchive as ListArchive } from './CourseListArchive';
import { withPlatform } from './PlatformContext';
import frontendPlatform from './platform/frontendPlatform';

export const CourseListArchive = withPlatform(frontendPlatform, ListArchive);
export const CourseCardArchiveAction = withPlatform(frontendPlatform, CardAction);
