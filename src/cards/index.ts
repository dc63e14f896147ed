export {
  callbackButton,
  collapsiblePanel,
  escapeMarkdown,
  markdown,
  plainText,
  type CardElement,
  type HeaderColor,
} from './card-elements.js';
export { card, divider, row, type CardJson } from './card.js';
