import { useEffect, useState } from 'react';

const TOAST_SELECTOR = '[data-course-archive-toast]';
const MARGIN_PX = 8;
const MEASURE_FRAMES = 10;

/**
 * While the toast is shown (fixed at the bottom of the window, over the page), a control that
 * focus reaches under it, by Tab or by the widget, is scrolled up above it, so that focus is never
 * hidden by the toast (WCAG 2.4.11). Returns the height (px) the toast covers, for a space at the
 * end of the widget that lets the page scroll its last controls above the toast.
 *
 * Measured a frame later: Paragon renders the toast into its portal a render after it is asked
 * for, and the browser scrolls a focused element into view (to the window's bottom edge, under
 * the toast) after the focus event.
 */
export const useFocusAboveToast = (shown) => {
  const [covered, setCovered] = useState(0);
  useEffect(() => {
    if (!shown) { return undefined; }
    let measureFrame = null;
    let liftFrame = null;
    const measure = (tries) => {
      const toast = document.querySelector(TOAST_SELECTOR);
      if (toast) {
        setCovered(Math.ceil(Math.max(0, window.innerHeight - toast.getBoundingClientRect().top)) + MARGIN_PX);
      } else if (tries > 0) {
        measureFrame = window.requestAnimationFrame(() => measure(tries - 1));
      }
    };
    const lift = (target) => {
      const toast = document.querySelector(TOAST_SELECTOR);
      if (!toast || !target?.getBoundingClientRect || toast.contains(target)) { return; }
      const box = target.getBoundingClientRect();
      const cover = toast.getBoundingClientRect();
      const overlaps = box.left < cover.right && box.right > cover.left
        && box.bottom > cover.top && box.top < cover.bottom;
      if (overlaps) { window.scrollBy(0, box.bottom - cover.top + MARGIN_PX); }
    };
    const onFocusIn = (event) => {
      window.cancelAnimationFrame(liftFrame);
      liftFrame = window.requestAnimationFrame(() => lift(event.target));
    };
    measure(MEASURE_FRAMES);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      window.cancelAnimationFrame(measureFrame);
      window.cancelAnimationFrame(liftFrame);
      document.removeEventListener('focusin', onFocusIn);
      setCovered(0);
    };
  }, [shown]);
  return covered;
};

export default useFocusAboveToast;
