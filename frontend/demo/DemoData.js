import { createContext } from 'react';

/**
 * The demo dashboard's state that the MFE keeps to itself: course data by card id (what
 * useCourseData(cardId) reads there) and the active filters (useFilters()).
 */
const DemoData = createContext({ byCardId: new Map(), filters: [], removeFilter: () => {} });

export default DemoData;
