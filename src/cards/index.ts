export { callbackButton, collapsiblePanel, escapeMarkdown, markdown, plainText, type CardElement, type HeaderColor } from './card-elements.js';
