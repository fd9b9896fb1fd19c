// A suggestion's id is its place, `article-start-end-label`: the same suggestion has the same id
// in every listing (so it is accepted or dismissed by id between calls), and a dismissal is kept
// as the place it names.
import { SUGGESTION_ID, SUGGESTION_ID_SHAPE } from '../../../shared/across';
import { AppError } from '../../../shared/result';

export interface SuggestionPlace {
  articleId: number;
  start: number;
  end: number;
  labelId: number;
}

export function suggestionId(articleId: number, start: number, end: number, labelId: number): string {
  return `${articleId}-${start}-${end}-${labelId}`;
}

/** The place an id names; an id of any other shape is refused, naming it. */
export function parseSuggestionId(id: string): SuggestionPlace {
  if (!SUGGESTION_ID.test(id))
    throw new AppError('BAD_INPUT', `"${id}" is not a suggestion id (${SUGGESTION_ID_SHAPE})`);
  const [articleId, start, end, labelId] = id.split('-').map(Number) as [number, number, number, number];
  return { articleId, start, end, labelId };
}
