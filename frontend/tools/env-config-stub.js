// frontend-platform's initialize.js imports `env.config`, which an MFE's webpack
// (frontend-build) resolves to the MFE's env.config.js(x). Tests and the standalone demo
// bundle have no MFE around them: this empty config stands in for it.
export default {};
