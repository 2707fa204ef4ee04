/**
 * Styles of the note's shadow root. The site's CSS cannot reach inside, and these rules cannot leak out.
 * Colours meet WCAG AA contrast on their backgrounds; focus is always visible.
 */
export const REPLY_NOTE_CSS = `
.note { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1f2328; text-align: start; }
* { box-sizing: border-box; }
p, ul { margin: 0; }
ul { padding-left: 1.2rem; }
.marker { position: relative; display: inline-block; }
.marker-button { font: inherit; font-size: 13px; color: #7a3e00; background: #fff4d6; border: 1px solid #d99a00;
  border-radius: 999px; padding: 0.1rem 0.6rem; cursor: help; }
.marker-button:hover { background: #ffeab0; }
button:focus-visible, .warning:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.explanation { position: absolute; top: calc(100% + 4px); left: 0; z-index: 3; width: min(32rem, 90vw);
  background: #ffffff; color: #1f2328; border: 1px solid #8c959f; border-radius: 8px; padding: 0.6rem 0.8rem;
  box-shadow: 0 4px 16px rgb(0 0 0 / 0.18); }
.explanation[hidden] { display: none; }
.explanation ul + .phrases-heading { margin-top: 0.5rem; }
.explanation li { margin: 0.15rem 0; }
.warning { margin-bottom: 0.4rem; padding: 0.6rem 0.8rem; border-left: 4px solid #b42318; border-radius: 6px;
  background: #fef3f2; color: #55160c; }
.warning-title { font-weight: 600; margin-bottom: 0.25rem; }
.curtain { position: absolute; left: 0; right: 0; top: 100%; min-height: 5rem; display: flex;
  flex-direction: column; align-items: center; justify-content: center; gap: 0.5rem; padding: 1rem;
  text-align: center; background: rgb(255 255 255 / 0.55); border-radius: 8px; }
.curtain p { max-width: 28rem; color: #1f2328; font-weight: 500; }
.show-reply { font: inherit; font-weight: 600; color: #ffffff; background: #0b57d0; border: 0; border-radius: 6px;
  padding: 0.45rem 1rem; cursor: pointer; }
.show-reply:hover { background: #0842a0; }
@media (prefers-color-scheme: dark) {
  .note { color: #e6edf3; }
  .explanation { background: #161b22; color: #e6edf3; border-color: #57606a; }
  .warning { background: #3b1212; color: #ffdcd7; border-left-color: #ff8e7f; }
  .curtain { background: rgb(13 17 23 / 0.55); }
  .curtain p { color: #e6edf3; }
}
`;
