// Types of the `./app` entry (app.jsx) for a frontend-base site's TypeScript site config: the App is
// given its frontend-base type, which TypeScript cannot infer from the JavaScript (a workspace
// package's sources are type-checked with the site's). Copied to dist/ by `npm run build`.
import type { ComponentType } from 'react';
import type { App } from '@openedx/frontend-base';

declare const courseArchiveApp: App;
export default courseArchiveApp;

export const APP_ID: string;
export const COURSE_LIST_SLOT_ID: string;
export const COURSE_CARD_ACTION_SLOT_ID: string;
export const CARD_ACTION_WIDGET_ID: string;
export const CourseListArchive: ComponentType<{ courseListData?: object }>;
export const CourseCardArchiveAction: ComponentType<{ cardId: string }>;
export const messages: Record<string, { id: string, defaultMessage: string, description?: string }>;
