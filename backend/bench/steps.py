"""A pipeline step that does nothing: the baseline the about-page step is measured against."""

from openedx_filters import PipelineStep


class PassThroughAboutPageUrl(PipelineStep):
    """Return the about-page URL unchanged."""

    def run_filter(self, url, org, *args, **kwargs):  # pylint: disable=arguments-differ
        return {"url": url, "org": org}
