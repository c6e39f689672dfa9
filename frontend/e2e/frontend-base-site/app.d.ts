/// <reference types="@openedx/frontend-base" />

declare module 'site.config' {
  export default SiteConfig;
}
