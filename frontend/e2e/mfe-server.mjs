#!/usr/bin/env node
/**
 * Serves a built frontend-app-learner-dashboard next to the demo host, on one origin (as an
 * Open edX site does behind its proxy): `/learner-dashboard/*` from the MFE's dist/ (index.html
 * for every route), everything else forwarded to the demo host (login, JWT cookie, CSRF token,
 * Learner Home, the course archive API).
 *
 *   node e2e/mfe-server.mjs --port 18000 --dist <mfe>/dist --upstream http://127.0.0.1:8000
 *
 * With `--root` (a frontend-base site, built for `/`): the files of dist/ at `/<name>`, index.html for
 * the site's routes under `--prefix` (default /learner-dashboard/), everything else forwarded.
 * JavaScript, CSS and HTML are served with `charset=utf-8` (without it Chromium may misread the
 * site's bundles).
 *
 * The demo host's Learner Home stand-in answers only the fields this plugin reads. What the
 * dashboard's cards also read (dates, access, entitlement, programs, settings) is filled in here
 * with the values the LMS sends for an audit enrollment. With the cookie `e2e-entitlement=1`, one
 * unfulfilled entitlement (no run yet: `courseRun: null`) is added at the end of the list, as the
 * LMS does (entitlements come after enrollments).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    dist: { type: 'string' },
    upstream: { type: 'string' },
    prefix: { type: 'string', default: '/learner-dashboard/' },
    root: { type: 'boolean', default: false },
  },
});
const upstream = new URL(args.upstream);
const { prefix } = args;
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject', '.json': 'application/json',
};
const FAR = '2099-01-01T00:00:00Z';

const completeCourse = (item, index) => ({
  certificate: null,
  credit: {},
  entitlement: {},
  gradeData: { isPassing: false },
  programs: { relatedPrograms: [] },
  ...item,
  course: { socialShareUrl: null, ...item.course },
  courseRun: item.courseRun && {
    isStarted: true,
    minPassingGrade: '0.7',
    progressUrl: `/courses/${item.courseRun.courseId}/progress`,
    unenrollUrl: '/change_enrollment',
    ...item.courseRun,
  },
  enrollment: {
    accessExpirationDate: null,
    canUpgrade: false,
    coursewareAccess: { hasUnmetPrerequisites: false, isStaff: false, isTooEarly: false },
    hasOptedOutOfEmail: false,
    hasStarted: index % 2 === 0,
    isAudit: true,
    isAuditAccessExpired: false,
    isEmailEnabled: false,
    isEnrolled: true,
    isVerified: false,
    lastEnrolled: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
    mode: 'audit',
    ...item.enrollment,
  },
});

const UNFULFILLED_ENTITLEMENT = {
  course: { courseName: 'Data Science Foundations', courseNumber: 'DS100', bannerImgSrc: null, socialShareUrl: null },
  courseProvider: { name: 'OpenedX' },
  courseRun: null,
  enrollment: {
    accessExpirationDate: null,
    canUpgrade: false,
    coursewareAccess: { hasUnmetPrerequisites: false, isStaff: false, isTooEarly: false },
    hasOptedOutOfEmail: false,
    hasStarted: false,
    isAudit: false,
    isAuditAccessExpired: false,
    isEmailEnabled: false,
    isEnrolled: false,
    isVerified: false,
    lastEnrolled: null,
    mode: null,
  },
  entitlement: {
    availableSessions: [{ courseId: 'course-v1:OpenedX+DS100+2026', startDate: '2026-01-01T00:00:00Z', endDate: FAR }],
    changeDeadline: FAR,
    enrollmentUrl: '/api/entitlements/v1/entitlements/',
    expirationDate: FAR,
    isExpired: false,
    isFulfilled: false,
    isRefundable: true,
    uuid: '5e1c4c0e-0000-4000-8000-00000000d5a1',
  },
  certificate: null,
  gradeData: null,
  credit: {},
  programs: { relatedPrograms: [] },
};

const completeLearnerHome = (body, withEntitlement) => ({
  emailConfirmation: { isNeeded: false, sendEmailUrl: '' },
  enterpriseDashboard: null,
  platformSettings: { supportEmail: 'support@example.com', billingEmail: 'billing@example.com', courseSearchUrl: '/courses' },
  socialShareSettings: { facebook: { isEnabled: false }, twitter: { isEnabled: false } },
  suggestedCourses: [],
  ...body,
  courses: [...(body.courses || []).map(completeCourse), ...(withEntitlement ? [UNFULFILLED_ENTITLEMENT] : [])],
});

const pathOf = (req) => decodeURIComponent(new URL(req.url, 'http://x').pathname);

// The file of dist/ that a path names, or null.
const distFile = (pathname) => {
  const file = join(args.dist, normalize(args.root ? pathname : pathname.slice(prefix.length)));
  return file.startsWith(args.dist) && existsSync(file) && !statSync(file).isDirectory() ? file : null;
};

const serveFile = (req, res) => {
  const file = distFile(pathOf(req)) || join(args.dist, 'index.html'); // else one of the app's routes
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
  createReadStream(file).pipe(res);
};

const forward = (req, res) => {
  const url = new URL(req.url, upstream);
  const isLearnerHome = /^\/api\/learner_home\/init\/?$/.test(url.pathname);
  if (isLearnerHome) { url.pathname = '/api/learner_home/init/'; }
  // The browser's Host, so that Django's CSRF origin check sees the origin it was asked from.
  const headers = { ...req.headers };
  if (isLearnerHome) { delete headers['accept-encoding']; }
  const proxied = http.request(url, { method: req.method, headers }, (answer) => {
    if (!isLearnerHome || answer.statusCode !== 200) {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
      return;
    }
    const chunks = [];
    answer.on('data', (chunk) => chunks.push(chunk));
    answer.on('end', () => {
      const withEntitlement = /(^|;\s*)e2e-entitlement=1(;|$)/.test(req.headers.cookie || '');
      const body = JSON.stringify(completeLearnerHome(JSON.parse(Buffer.concat(chunks).toString('utf8')), withEntitlement));
      const outHeaders = { ...answer.headers, 'content-length': Buffer.byteLength(body) };
      res.writeHead(200, outHeaders);
      res.end(body);
    });
  });
  proxied.on('error', (error) => { res.writeHead(502); res.end(String(error)); });
  req.pipe(proxied);
};

const isRoute = (req) => req.url === prefix.replace(/\/$/, '') || req.url.startsWith(prefix);

http.createServer((req, res) => {
  if (isRoute(req) || (args.root && pathOf(req) !== '/' && distFile(pathOf(req)))) { serveFile(req, res); } else { forward(req, res); }
}).listen(Number(args.port), '127.0.0.1');
