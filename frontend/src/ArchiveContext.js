import { createContext } from 'react';

/**
 * What the course list wrapper knows (statuses, card-to-course map, the toggle), for the card
 * action widgets that the dashboard renders inside the list. null outside the wrapper, and while
 * staff masquerade: then the card widgets render nothing.
 */
const ArchiveContext = createContext(null);

export default ArchiveContext;
