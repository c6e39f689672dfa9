// The site's own translations (none): the `openedx` CLI's build resolves this module.
export default [];
