/**
 * Where each element of a combined import came from, so that the messages of the later checks, which name JSON
 * paths of the combined file (`sittings[12].responses[3]: …`), name the input instead:
 * `results/jan.xml: assessmentResult/itemResult[item-4]: …`, `klas.csv: candidates[2].…`,
 * `toets.zip: items/q1.xml (item q1) exams[0].questions[0].…`. A run of one JSON file keeps its own paths (they are
 * that file's; likewise one package), with a QTI item's file before an exam's question as `withOrigins` gives it.
 */
export type ListName = 'exams' | 'candidates' | 'groups' | 'sittings';

interface Origin {
  /** the input's name */
  label: string;
  /** the element's index in its own input */
  local: number;
  /** what stands for the element in messages instead of `list[local]` (a results sitting: `assessmentResult`) */
  element?: string;
  /** a results sitting: the question id of each response, shown as `/itemResult[id]` */
  responses?: readonly string[];
}

const PATH = /^(exams|candidates|groups|sittings)\[(\d+)\]/;

export class Origins {
  private readonly lists: Record<ListName, Origin[]> = { exams: [], candidates: [], groups: [], sittings: [] };
  /** `exams[i].questions[j]` (combined index) → the item's file */
  private readonly items = new Map<string, string>();
  private readonly kinds: string[] = [];

  /** Counts an input (its kind); unless the run is one JSON file or one package, messages name the input. */
  input(kind: string): void {
    this.kinds.push(kind);
  }

  private get plain(): boolean {
    return this.kinds.length === 1 && (this.kinds[0] === 'json' || this.kinds[0] === 'package');
  }

  add(list: ListName, origin: Origin): void {
    this.lists[list].push(origin);
  }

  /** A QTI package's item origins (`exams[i].questions[j]` of the package) for its exams at `offset`. */
  addItems(origins: ReadonlyMap<string, string>, offset: number): void {
    for (const [key, where] of origins) this.items.set(key.replace(/^exams\[(\d+)\]/, (_m, i: string) => `exams[${Number(i) + offset}]`), where);
  }

  relabel(message: string): string {
    const m = PATH.exec(message);
    if (!m) return message;
    const list = m[1] as ListName;
    const origin = this.lists[list][Number(m[2])];
    let rest = message.slice(m[0].length);
    const question = list === 'exams' ? /^\.questions\[\d+\]/.exec(rest) : null;
    const item = question ? this.items.get(m[0] + question[0]) : undefined;
    const itemPrefix = item ? `${item} ` : '';
    if (this.plain || !origin) return `${itemPrefix}${message}`;
    const response = origin.responses ? /^\.responses\[(\d+)\]/.exec(rest) : null;
    const questionId = response && origin.responses![Number(response[1])];
    if (questionId !== undefined && questionId !== null) rest = `/itemResult[${questionId}]${rest.slice(response![0].length)}`;
    return `${origin.label}: ${itemPrefix}${origin.element ?? `${list}[${origin.local}]`}${rest}`;
  }
}
