/** Separates the site from the model in an assistant id; site names and cleaned model names never hold it. */
const SEPARATOR = '|';

/**
 * The assistant a reply is tracked under by the behavioural layer: the site alone, or `site|model` when the
 * page named the model, so two models of one site keep separate baselines.
 */
export function assistantId(site: string, model?: string): string {
  return model ? `${site}${SEPARATOR}${model}` : site;
}

/** The two parts of an assistant id, for display. */
export function assistantParts(assistant: string): { site: string; model?: string } {
  const at = assistant.indexOf(SEPARATOR);
  if (at < 0) return { site: assistant };
  return { site: assistant.slice(0, at), model: assistant.slice(at + 1) };
}
