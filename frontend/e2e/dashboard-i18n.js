// The dashboard's own translations in the e2e builds (the legacy MFE's src/i18n/index.js and the
// frontend-base site's). A deployed dashboard has catalogs for many languages, Arabic among them,
// pulled from openedx-translations when it is built (atlas): with one for `ar`, the platform's i18n
// chooses Arabic for the openedx-language-preference cookie and puts <html dir="rtl"> itself. These
// builds are offline: an empty Arabic catalog stands for the pulled ones (the dashboard's own texts
// stay in English, the widget's are its catalog's).
export default [{ ar: {} }];
