/**
 * The widgets' translations, by locale, as the Open edX MFEs export theirs (`src/i18n/index.js`):
 * one catalog per language in messages/, kept in openedx-translations and pulled with
 * `npm run translations:pull`. Each world's adapter merges them into its platform's i18n.
 * `es-419` is the Spanish that openedx-translations and the LMS's language settings use.
 */
import arMessages from './messages/ar.json';
import esMessages from './messages/es.json';

const messages = {
  ar: arMessages,
  es: esMessages,
  'es-419': esMessages,
};

export default messages;
