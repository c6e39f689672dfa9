export { CourseList, courseListDataShape } from './CourseList';
export { default as messages } from './messages';
export { default } from './CourseList';
