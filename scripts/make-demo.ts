/**
 * Writes the demo data set, `demo/demo.json` (format inzage/v1): five exams, one for each case the console
 * must show (review open, expired, not allowed, not yet open, open with the keys withheld), their groups,
 * candidates and sittings.
 *
 *   npx tsx scripts/make-demo.ts
 *
 * The question content is written by hand below; the candidates' responses are drawn from hand-written
 * right and wrong answers with a seeded pseudo-random generator, so every run writes the same file. Scores
 * are derived from the key with `isCorrect` (partial credit only for multiple-answer, order and match
 * questions), and open answers are put together from phrases that each meet, or miss, one criterion of the
 * marking scheme, so an open answer's score is the number of criteria it meets.
 *
 * Importing the module builds the file without writing it (`DEMO_JSON`); running it writes demo/demo.json.
 *
 * All dates are Dutch summer time around the anchor, 2026-06-10 12:00 (`DEMO_ANCHOR` in server/demo.ts);
 * the demo loader shifts them to the day the demo runs.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  Candidate, ChoiceQuestion, ClosedQuestion, Exam, Group, ImportedSitting, ImportFile,
  MatchQuestion, NumericQuestion, OpenQuestion, OrderQuestion, ResponseValue, TextQuestion,
} from '../shared/schema.ts';
import { ImportFileSchema } from '../shared/schema.ts';
import { isCorrect } from '../shared/rules.ts';

// ---------------------------------------------------------------------------------------------------------
// Randomness: mulberry32, seeded, so the file is the same on every run.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = mulberry32(20260610);
const chance = (p: number) => rnd() < p;
const pick = <T>(xs: readonly T[]): T => {
  if (xs.length === 0) throw new Error('pick from an empty list');
  return xs[Math.floor(rnd() * xs.length)]!;
};
const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
function shuffled<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

// ---------------------------------------------------------------------------------------------------------
// Dates: written as Dutch summer time (+02:00).

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** `2026-05-12 09:00` (Dutch summer time) → epoch ms */
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+02:00`);
/** epoch ms → `2026-05-12T09:00:00+02:00` */
const cest = (ms: number) => `${new Date(ms + 2 * HOUR).toISOString().slice(0, 19)}+02:00`;

// ---------------------------------------------------------------------------------------------------------
// Question specs: the question as imported, plus what candidates answer.

type Label = readonly [id: string, text: string];
const labels = (xs: readonly Label[]) => xs.map(([id, text]) => ({ id, text }));

interface ClosedSpec {
  kind: 'closed';
  q: ClosedQuestion;
  /** 0 (easy) … 1 (hard), on the same scale as a candidate's ability. */
  difficulty: number;
  /** Ways to give the right answer (different order, spelling, rounding). */
  right: ResponseValue[];
  /** Plausible wrong answers, some of them partly right. */
  wrong: ResponseValue[];
}

/** One scoring point of an open question: phrases that earn it, and phrases that try and miss. */
interface Criterion { hit: string[]; miss?: string[] }

interface OpenSpec {
  kind: 'open';
  q: OpenQuestion;
  difficulty: number;
  criteria: Criterion[];
  /** Answers that earn nothing, for when no criterion is met or tried. */
  vague: string[];
  /** A criterion can only be met when the one before it was (a calculation in steps). */
  chain?: boolean;
}

type Spec = ClosedSpec | OpenSpec;

interface Common { maxScore?: number; stem: string; difficulty: number }

class QuestionList {
  readonly specs: Spec[] = [];
  constructor(private readonly prefix: string) {}

  private base(maxScore = 1) {
    const number = this.specs.length + 1;
    return { id: `${this.prefix}${number}`, number, maxScore };
  }

  private closed(q: ClosedQuestion, difficulty: number, right: ResponseValue[], wrong: ResponseValue[]) {
    for (const r of right) if (!isCorrect(q, r)) throw new Error(`${q.id}: right answer ${JSON.stringify(r)} is not correct`);
    for (const r of wrong) if (isCorrect(q, r)) throw new Error(`${q.id}: wrong answer ${JSON.stringify(r)} is correct`);
    this.specs.push({ kind: 'closed', q, difficulty, right, wrong });
  }

  choice(a: Common & { options: Label[]; key: string[]; wrong: string[][]; multiple?: boolean }) {
    const multiple = a.multiple ?? a.key.length > 1;
    const q: ChoiceQuestion = { ...this.base(a.maxScore), type: 'choice', stem: a.stem, options: labels(a.options), multiple, key: a.key };
    this.closed(q, a.difficulty, multiple ? [a.key, [...a.key].reverse()] : [a.key], a.wrong);
  }

  order(a: Common & { items: Label[]; key: string[]; wrong?: string[][] }) {
    const q: OrderQuestion = { ...this.base(a.maxScore), type: 'order', stem: a.stem, items: labels(a.items), key: a.key };
    this.closed(q, a.difficulty, [a.key], a.wrong ?? []);
  }

  match(a: Common & { left: Label[]; right: Label[]; key: [string, string][] }) {
    const q: MatchQuestion = { ...this.base(a.maxScore), type: 'match', stem: a.stem, left: labels(a.left), right: labels(a.right), key: a.key };
    this.closed(q, a.difficulty, [a.key], []);
  }

  text(a: Common & { key: string[]; right: string[]; wrong: string[] }) {
    const q: TextQuestion = { ...this.base(a.maxScore), type: 'text', stem: a.stem, key: a.key, caseSensitive: false };
    this.closed(q, a.difficulty, a.right, a.wrong);
  }

  numeric(a: Common & { key: number; tolerance: number; right: number[]; wrong: number[] }) {
    const q: NumericQuestion = { ...this.base(a.maxScore), type: 'numeric', stem: a.stem, key: a.key, tolerance: a.tolerance };
    this.closed(q, a.difficulty, a.right, a.wrong);
  }

  open(a: Common & { scheme: string; criteria: Criterion[]; vague: string[]; chain?: boolean }) {
    const q: OpenQuestion = { ...this.base(a.maxScore), type: 'open', stem: a.stem, scheme: a.scheme };
    if (a.criteria.length !== q.maxScore) throw new Error(`${q.id}: ${a.criteria.length} criteria for ${q.maxScore} points`);
    this.specs.push({ kind: 'open', q, difficulty: a.difficulty, criteria: a.criteria, vague: a.vague, chain: a.chain });
  }
}

/** A CvTE-style marking scheme: maximum, an example answer, and one point per criterion. */
function scheme(max: number, example: string, points: string[], note?: string): string {
  const items = points.map((p) => `<li>${p} — <strong>1</strong></li>`).join('');
  return `<p><strong>Maximumscore ${max}</strong></p><p>Voorbeeld van een juist antwoord:</p><p>${example}</p>`
    + `<p>Scorepunten:</p><ul>${items}</ul>${note ? `<p><em>Opmerking:</em> ${note}</p>` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Exam A — Biologie KB, central exam, review open now.

const bi = new QuestionList('bi');

bi.choice({
  difficulty: 0.15,
  stem: '<p>Planten maken met behulp van lichtenergie glucose. Dit proces heet fotosynthese.</p><p>In welk deel van een plantencel vindt de fotosynthese plaats?</p>',
  options: [['A', 'in de celkern'], ['B', 'in de celwand'], ['C', 'in de bladgroenkorrels'], ['D', 'in de vacuole']],
  key: ['C'],
  wrong: [['A'], ['B'], ['D'], ['A']],
});
bi.choice({
  difficulty: 0.55,
  stem: '<p>Gal helpt bij de vertering van vetten. Gal wordt opgeslagen in de galblaas.</p><p>Welk orgaan <strong>maakt</strong> gal?</p>',
  options: [['A', 'de alvleesklier'], ['B', 'de galblaas'], ['C', 'de lever'], ['D', 'de maag']],
  key: ['C'],
  wrong: [['B'], ['B'], ['A'], ['D']],
});
bi.choice({
  maxScore: 2,
  difficulty: 0.35,
  stem: '<p>Bij de fotosynthese worden stoffen omgezet in andere stoffen.</p><p>Welke <strong>twee</strong> stoffen ontstaan bij de fotosynthese? Kies twee antwoorden.</p>',
  options: [['A', 'koolstofdioxide'], ['B', 'glucose'], ['C', 'water'], ['D', 'zuurstof']],
  key: ['B', 'D'],
  wrong: [['A', 'C'], ['B', 'C'], ['A', 'D'], ['B'], ['A', 'B', 'D']],
});
bi.order({
  maxScore: 2,
  difficulty: 0.3,
  stem: '<p>Voedsel gaat door het spijsverteringskanaal.</p><p>Zet de organen in de volgorde waarin het voedsel erdoorheen gaat. Begin met het orgaan waar het voedsel als eerste komt.</p>',
  items: [['maag', 'maag'], ['dikkedarm', 'dikke darm'], ['slokdarm', 'slokdarm'], ['mond', 'mondholte'], ['dunnedarm', 'dunne darm']],
  key: ['mond', 'slokdarm', 'maag', 'dunnedarm', 'dikkedarm'],
  wrong: [['mond', 'slokdarm', 'maag', 'dikkedarm', 'dunnedarm'], ['mond', 'maag', 'slokdarm', 'dunnedarm', 'dikkedarm']],
});
bi.match({
  maxScore: 2,
  difficulty: 0.35,
  stem: '<p>Koppel elk orgaan aan zijn belangrijkste functie.</p>',
  left: [['hart', 'hart'], ['longen', 'longen'], ['nieren', 'nieren'], ['lever', 'lever']],
  right: [
    ['pompen', 'bloed rondpompen'],
    ['gas', 'zuurstof opnemen en koolstofdioxide afgeven'],
    ['filter', 'afvalstoffen uit het bloed filteren'],
    ['gal', 'gal maken en giftige stoffen afbreken'],
    ['opname', 'verteerde voedingsstoffen opnemen in het bloed'],
  ],
  key: [['hart', 'pompen'], ['longen', 'gas'], ['nieren', 'filter'], ['lever', 'gal']],
});
bi.text({
  difficulty: 0.5,
  stem: '<p>Planten nemen water op met hun wortels. Via de huidmondjes in de bladeren verlaat waterdamp de plant.</p><p>Hoe heet dit proces? Geef het biologische begrip.</p>',
  key: ['verdamping', 'transpiratie'],
  right: ['verdamping', 'Verdamping', 'transpiratie', 'Transpiratie '],
  wrong: ['osmose', 'fotosynthese', 'wortel druk', 'ademhaling', 'zweten'],
});
bi.numeric({
  difficulty: 0.6,
  stem: '<p>Het hart van Joris pompt bij elke hartslag 70 mL bloed de grote bloedsomloop in. In rust is zijn hartslag 72 slagen per minuut.</p><p>Bereken hoeveel liter bloed het hart van Joris in rust per minuut rondpompt. Rond af op één decimaal.</p>',
  key: 5.0,
  tolerance: 0.1,
  right: [5, 5.0, 5.04],
  wrong: [5040, 50.4, 0.97, 142, 504],
});
bi.open({
  maxScore: 2,
  difficulty: 0.5,
  stem: '<p>Thomas doet mee aan een hardloopwedstrijd. Tijdens de sprint aan het eind ademt hij sneller en dieper dan in rust.</p><p>Leg uit waarom Thomas bij inspanning sneller gaat ademen.</p>',
  scheme: scheme(2,
    'Bij inspanning hebben de spieren meer energie nodig, dus er vindt meer verbranding plaats. Daarvoor is meer zuurstof nodig en er ontstaat meer koolstofdioxide. Door sneller te ademen wordt meer zuurstof opgenomen en meer koolstofdioxide afgegeven.',
    ['de spieren hebben meer energie nodig / er vindt meer verbranding (dissimilatie) plaats in de spieren',
      'daarvoor is meer zuurstof nodig / er moet meer koolstofdioxide worden afgevoerd, en sneller ademen zorgt daarvoor'],
    'Het antwoord ‘omdat hij meer lucht nodig heeft’ levert geen scorepunt op.'),
  criteria: [
    {
      hit: [
        'Bij inspanning hebben je spieren meer energie nodig.',
        'Zijn spieren moeten harder werken dus er is meer verbranding in de spieren.',
        'Er vindt meer verbranding plaats in zijn spiercellen omdat ze meer energie nodig hebben.',
        'zijn spieren hebben meer energie nodig',
      ],
      miss: ['Omdat hij moe wordt.', 'Zijn hart gaat sneller kloppen.', 'Hij heeft veel adrenaline in zijn bloed.'],
    },
    {
      hit: [
        'Voor verbranding is zuurstof nodig, dus hij moet sneller ademen om meer zuurstof binnen te krijgen.',
        'Daarvoor heb je meer zuurstof nodig en je moet ook meer koolstofdioxide uitademen.',
        'Door sneller te ademen krijgt hij meer zuurstof in zijn bloed en raakt hij de CO2 kwijt.',
        'daar is zuurstof voor nodig dus hij ademt sneller',
      ],
      miss: ['Hij heeft meer lucht nodig.', 'Zijn longen moeten groter worden.', 'Hij moet afkoelen door snel te ademen.'],
    },
  ],
  vague: ['Omdat hij moe is.', 'dat doe je gewoon als je rent', 'Omdat hij hard rent'],
});
bi.choice({
  difficulty: 0.4,
  stem: '<p>Welke bloedvaten vervoeren bloed van het hart <strong>naar</strong> de organen?</p>',
  options: [['A', 'aders'], ['B', 'haarvaten'], ['C', 'slagaders'], ['D', 'lymfevaten']],
  key: ['C'],
  wrong: [['A'], ['A'], ['B'], ['D']],
});
bi.choice({
  maxScore: 2,
  difficulty: 0.55,
  stem: '<p>Sommige organismen planten zich ongeslachtelijk voort.</p><p>Welke van de volgende voorbeelden zijn vormen van <strong>ongeslachtelijke</strong> voortplanting? Kies alle juiste antwoorden.</p>',
  options: [
    ['A', 'Een aardbeiplant vormt uitlopers waaraan nieuwe plantjes groeien.'],
    ['B', 'Een bij brengt stuifmeel van de ene bloem naar de andere.'],
    ['C', 'Een bacterie deelt zich in tweeën.'],
    ['D', 'Een kikker legt eitjes die in het water worden bevrucht.'],
    ['E', 'Een tuinier stekt een tak van een geranium.'],
  ],
  key: ['A', 'C', 'E'],
  wrong: [['A', 'C'], ['C', 'E'], ['A', 'B', 'C', 'E'], ['B', 'D'], ['C'], ['A', 'C', 'D']],
});
bi.text({
  difficulty: 0.6,
  stem: '<p>Een impuls gaat van de ene zenuwcel naar de volgende. De plaats waar twee zenuwcellen contact met elkaar maken, heeft een eigen naam.</p><p>Hoe heet deze plaats?</p>',
  key: ['synaps', 'de synaps'],
  right: ['synaps', 'Synaps', 'de synaps'],
  wrong: ['zenuwknoop', 'dendriet', 'schakelcel', 'uitloper', 'zenuwbaan'],
});
bi.numeric({
  difficulty: 0.6,
  stem: '<p>Bij cavia’s is het allel voor een zwarte vacht (<em>A</em>) dominant over het allel voor een witte vacht (<em>a</em>). Twee cavia’s met genotype <em>Aa</em> krijgen samen jongen.</p><p>Hoeveel procent van de jongen heeft naar verwachting een witte vacht?</p>',
  key: 25,
  tolerance: 0,
  right: [25],
  wrong: [50, 75, 0, 50, 100],
});
bi.order({
  maxScore: 2,
  difficulty: 0.55,
  stem: '<p>Je raakt per ongeluk een hete pan aan en trekt je hand terug voordat je de pijn voelt. Dit is een reflex.</p><p>Zet de onderdelen van de reflexboog in de juiste volgorde. Begin met het onderdeel dat de prikkel opvangt.</p>',
  items: [
    ['schakel', 'schakelcel in het ruggenmerg'],
    ['zintuig', 'zintuigcellen in de huid'],
    ['spier', 'spier in de arm'],
    ['gevoel', 'gevoelszenuwcel'],
    ['beweging', 'bewegingszenuwcel'],
  ],
  key: ['zintuig', 'gevoel', 'schakel', 'beweging', 'spier'],
  wrong: [['zintuig', 'beweging', 'schakel', 'gevoel', 'spier'], ['zintuig', 'schakel', 'gevoel', 'beweging', 'spier']],
});
bi.match({
  maxScore: 2,
  difficulty: 0.6,
  stem: '<p>Hormonen worden gemaakt in hormoonklieren.</p><p>Koppel elke hormoonklier aan een hormoon dat deze klier maakt.</p>',
  left: [['alvleesklier', 'alvleesklier'], ['bijnieren', 'bijnieren'], ['schildklier', 'schildklier'], ['eierstokken', 'eierstokken']],
  right: [['insuline', 'insuline'], ['adrenaline', 'adrenaline'], ['thyroxine', 'thyroxine'], ['oestrogeen', 'oestrogeen'], ['testosteron', 'testosteron']],
  key: [['alvleesklier', 'insuline'], ['bijnieren', 'adrenaline'], ['schildklier', 'thyroxine'], ['eierstokken', 'oestrogeen']],
});
bi.open({
  maxScore: 3,
  difficulty: 0.6,
  stem: '<p>In een sloot langs een weiland leven waterplanten, algen, watervlooien en stekelbaarsjes. De boer bemest het weiland. Na een flinke regenbui spoelt veel mest de sloot in. De algen groeien daarna heel snel. Na een paar weken zijn veel algen dood en drijven er dode stekelbaarsjes in de sloot.</p><p>Leg uit hoe de mest ervoor zorgt dat de stekelbaarsjes doodgaan.</p>',
  scheme: scheme(3,
    'Door de mest komen er veel voedingszouten in het water, waardoor de algen sterk groeien. Als de algen doodgaan, worden ze door bacteriën afgebroken. Die bacteriën verbruiken daarbij veel zuurstof, zodat er te weinig zuurstof in het water overblijft en de stekelbaarsjes stikken.',
    ['door de mest komen er (veel) voedingszouten/mineralen in het water, waardoor de algen sterk groeien',
      'dode algen worden afgebroken door bacteriën/reducenten, die daarbij zuurstof verbruiken',
      'het zuurstofgehalte van het water daalt, waardoor de stekelbaarsjes stikken'],
    'Als alleen wordt geantwoord dat de vissen door de mest vergiftigd worden, geen scorepunten toekennen.'),
  criteria: [
    {
      hit: [
        'Door de mest komen er veel voedingsstoffen in het water waardoor de algen heel hard gaan groeien.',
        'De mest is voeding voor de algen, dus die groeien heel snel.',
        'In mest zitten mineralen (nitraat en fosfaat) en daardoor groeien de algen explosief.',
      ],
      miss: ['De mest maakt het water vies.', 'De mest zakt naar de bodem.'],
    },
    {
      hit: [
        'Als de algen doodgaan worden ze afgebroken door bacteriën en die gebruiken daarbij veel zuurstof.',
        'Reducenten breken de dode algen af en verbruiken zo de zuurstof in het water.',
        'De bacterien die de dode algen opruimen hebben zuurstof nodig.',
      ],
      miss: ['De algen eten alle zuurstof op.', 'De algen gaan dood en gaan rotten.'],
    },
    {
      hit: [
        'Er zit dan te weinig zuurstof in het water, dus de stekelbaarsjes stikken.',
        'Daardoor daalt het zuurstofgehalte en krijgen de vissen te weinig zuurstof.',
        'de vissen hebben dan geen zuurstof meer en gaan dood',
      ],
      miss: ['De stekelbaarsjes worden vergiftigd door de mest.', 'De vissen hebben geen eten meer.'],
    },
  ],
  vague: ['Door de mest gaan de vissen dood.', 'Omdat het water vies wordt', 'weet ik niet'],
});
bi.choice({
  difficulty: 0.45,
  stem: '<p>Een deel van de hersenen zorgt ervoor dat je je evenwicht bewaart en dat je bewegingen soepel verlopen.</p><p>Welk deel van de hersenen is dat?</p>',
  options: [['A', 'de grote hersenen'], ['B', 'de kleine hersenen'], ['C', 'de hersenstam'], ['D', 'het ruggenmerg']],
  key: ['B'],
  wrong: [['A'], ['C'], ['A'], ['D']],
});
bi.choice({
  difficulty: 0.2,
  stem: '<p>In het bloed zitten verschillende soorten bloedcellen.</p><p>Welke bloedcellen ruimen ziekteverwekkers op?</p>',
  options: [['A', 'bloedplaatjes'], ['B', 'rode bloedcellen'], ['C', 'witte bloedcellen']],
  key: ['C'],
  wrong: [['A'], ['B']],
});
bi.numeric({
  difficulty: 0.5,
  stem: '<p>Met de BMI (Body Mass Index) kun je nagaan of iemand een gezond gewicht heeft:</p><p>BMI = massa (kg) : (lengte (m) × lengte (m))</p><p>Jeroen is 1,75 m lang en weegt 68 kg.</p><p>Bereken de BMI van Jeroen. Rond af op één decimaal.</p>',
  key: 22.2,
  tolerance: 0.05,
  right: [22.2, 22.2, 22.2, 22.204],
  wrong: [38.9, 22, 119, 22.3, 2.2],
});
bi.text({
  difficulty: 0.3,
  stem: '<p>Bij de verbranding in je cellen ontstaat een gas dat je uitademt.</p><p>Welk gas is dat?</p>',
  key: ['koolstofdioxide', 'koolstofdioxyde', 'kooldioxide', 'CO2', 'CO₂'],
  right: ['koolstofdioxide', 'Koolstofdioxide', 'CO2', 'co2', 'koolstofdioxyde'],
  wrong: ['zuurstof', 'stikstof', 'koolmonoxide', 'waterdamp'],
});
bi.choice({
  maxScore: 2,
  difficulty: 0.6,
  stem: '<p>De nieren filteren het bloed. Daarbij ontstaat urine.</p><p>Welke <strong>twee</strong> stoffen zitten in de urine van een gezond mens? Kies twee antwoorden.</p>',
  options: [['A', 'eiwitten'], ['B', 'glucose'], ['C', 'ureum'], ['D', 'water']],
  key: ['C', 'D'],
  wrong: [['B', 'D'], ['A', 'D'], ['B', 'C'], ['D'], ['B', 'C', 'D']],
});
bi.order({
  maxScore: 2,
  difficulty: 0.65,
  stem: '<p>Bloed stroomt vanuit het hart naar de longen en weer terug naar het hart. Dit is de kleine bloedsomloop.</p><p>Zet de onderdelen in de volgorde waarin het bloed erdoorheen stroomt. Begin bij de rechterkamer.</p>',
  items: [
    ['longader', 'longader'],
    ['rechterkamer', 'rechterkamer'],
    ['haarvaten', 'haarvaten in de longen'],
    ['linkerboezem', 'linkerboezem'],
    ['longslagader', 'longslagader'],
  ],
  key: ['rechterkamer', 'longslagader', 'haarvaten', 'longader', 'linkerboezem'],
  wrong: [['rechterkamer', 'longader', 'haarvaten', 'longslagader', 'linkerboezem']],
});
bi.match({
  maxScore: 2,
  difficulty: 0.45,
  stem: '<p>Koppel elk deel van het oog aan zijn functie.</p>',
  left: [['iris', 'iris'], ['lens', 'lens'], ['netvlies', 'netvlies'], ['oogzenuw', 'oogzenuw']],
  right: [
    ['licht', 'regelt hoeveel licht er in het oog valt'],
    ['scherp', 'zorgt voor een scherp beeld op het netvlies'],
    ['cellen', 'bevat lichtgevoelige zintuigcellen'],
    ['impuls', 'geeft impulsen door aan de hersenen'],
    ['traan', 'maakt traanvocht'],
  ],
  key: [['iris', 'licht'], ['lens', 'scherp'], ['netvlies', 'cellen'], ['oogzenuw', 'impuls']],
});
bi.open({
  maxScore: 2,
  difficulty: 0.55,
  stem: '<p>Esther heeft diabetes type 1. Haar alvleesklier maakt geen insuline meer. Voor elke maaltijd spuit zij insuline.</p><p>Leg uit waarom Esther insuline moet spuiten als zij gaat eten.</p>',
  scheme: scheme(2,
    'Na de maaltijd stijgt het glucosegehalte van het bloed. Insuline zorgt ervoor dat glucose uit het bloed wordt opgenomen en als glycogeen wordt opgeslagen. Zonder insuline blijft het glucosegehalte van het bloed te hoog.',
    ['na de maaltijd stijgt het glucosegehalte van het bloed',
      'insuline zorgt ervoor dat glucose uit het bloed wordt opgenomen / het glucosegehalte daalt; zonder insuline blijft het te hoog'],
  ),
  criteria: [
    {
      hit: [
        'Als ze eet komt er suiker (glucose) in haar bloed.',
        'Na het eten stijgt het glucosegehalte in haar bloed.',
        'door het eten gaat haar bloedsuiker omhoog',
      ],
      miss: ['Omdat ze anders honger krijgt.', 'Eten is slecht voor mensen met diabetes.', 'Haar alvleesklier is kapot.'],
    },
    {
      hit: [
        'Insuline zorgt dat de glucose uit het bloed wordt opgenomen door de lever en de spieren, anders wordt haar bloedsuiker te hoog.',
        'Insuline verlaagt het bloedsuikergehalte.\nZonder insuline blijft het te hoog en dat is gevaarlijk.',
        'door de insuline gaat de suiker uit haar bloed naar de cellen',
      ],
      miss: ['Insuline geeft haar energie.', 'Anders krijgt ze een te laag suikergehalte.'],
    },
  ],
  vague: ['Omdat ze diabetes heeft.', 'Anders wordt ze ziek', 'omdat dat moet van de dokter', 'Anders gaat ze flauwvallen'],
});
bi.open({
  maxScore: 2,
  difficulty: 0.65,
  stem: '<p>Baby’s krijgen in Nederland vaccinaties via het Rijksvaccinatieprogramma, bijvoorbeeld tegen mazelen.</p><p>Leg uit hoe een vaccinatie ervoor zorgt dat een kind niet ziek wordt als het later in aanraking komt met het mazelenvirus.</p>',
  scheme: scheme(2,
    'Het vaccin bevat verzwakte of dode ziekteverwekkers. Het lichaam maakt daartegen antistoffen en geheugencellen. Bij een latere besmetting worden dan zo snel antistoffen gemaakt dat het kind niet ziek wordt.',
    ['het vaccin bevat verzwakte/dode ziekteverwekkers (of delen daarvan), waartegen het lichaam antistoffen (en geheugencellen) maakt',
      'bij een latere besmetting worden snel (genoeg) antistoffen gemaakt, zodat het kind niet ziek wordt'],
    'Een antwoord waarin staat dat het vaccin zelf antistoffen bevat, levert voor het eerste scorepunt niets op.'),
  criteria: [
    {
      hit: [
        'In een vaccin zitten verzwakte of dode virussen.\nJe lichaam gaat daar antistoffen tegen maken.',
        'Je krijgt een verzwakte ziekteverwekker ingespoten en je witte bloedcellen maken daar antistoffen tegen.',
        'het vaccin bevat dode mazelenvirussen, daartegen maakt je lichaam antistoffen en geheugencellen',
      ],
      miss: ['In het vaccin zitten antistoffen.', 'Het vaccin doodt het virus.'],
    },
    {
      hit: [
        'Als het echte virus later komt, maakt je lichaam heel snel antistoffen, dus je wordt niet ziek.',
        'Bij een nieuwe besmetting herkent je lichaam het virus meteen en maakt het snel genoeg antistoffen.',
        'Door de geheugencellen worden bij een nieuwe besmetting snel antistoffen gemaakt.',
      ],
      miss: ['Dan ben je er voor altijd tegen beschermd.', 'Het virus kan dan niet meer in je lichaam komen.'],
    },
  ],
  vague: ['Dan ben je immuun.', 'Omdat je dan ingeënt bent', 'geen idee'],
});

// ---------------------------------------------------------------------------------------------------------
// Exam B — Geschiedenis KB, central exam, review period expired.

const gs = new QuestionList('gs');

gs.choice({
  difficulty: 0.35,
  stem: '<p>Op 10 mei 1940 viel Duitsland Nederland binnen. Na vijf dagen gaf het Nederlandse leger zich over.</p><p>Welke stad werd op 14 mei 1940 door Duitse vliegtuigen gebombardeerd?</p>',
  options: [['A', 'Amsterdam'], ['B', 'Den Haag'], ['C', 'Rotterdam'], ['D', 'Utrecht']],
  key: ['C'],
  wrong: [['A'], ['B'], ['D']],
});
gs.order({
  maxScore: 2,
  difficulty: 0.55,
  stem: '<p>Zet de gebeurtenissen uit de Tweede Wereldoorlog in de juiste volgorde. Begin met de vroegste gebeurtenis.</p>',
  items: [
    ['hongerwinter', 'de Hongerwinter in het westen van Nederland'],
    ['inval', 'de Duitse inval in Nederland'],
    ['bevrijding', 'de bevrijding van heel Nederland'],
    ['februaristaking', 'de Februaristaking in Amsterdam'],
    ['marketgarden', 'de Slag om Arnhem (Operatie Market Garden)'],
  ],
  key: ['inval', 'februaristaking', 'marketgarden', 'hongerwinter', 'bevrijding'],
  wrong: [['inval', 'februaristaking', 'hongerwinter', 'marketgarden', 'bevrijding']],
});
gs.match({
  maxScore: 2,
  difficulty: 0.6,
  stem: '<p>Koppel elke gebeurtenis uit de Koude Oorlog aan het jaar waarin die plaatsvond.</p>',
  left: [['navo', 'oprichting van de NAVO'], ['muur', 'bouw van de Berlijnse Muur'], ['cuba', 'Cubacrisis'], ['val', 'val van de Berlijnse Muur']],
  right: [['1949', '1949'], ['1961', '1961'], ['1962', '1962'], ['1989', '1989'], ['1991', '1991']],
  key: [['navo', '1949'], ['muur', '1961'], ['cuba', '1962'], ['val', '1989']],
});
gs.text({
  difficulty: 0.35,
  stem: '<p>Het Nederlandse parlement bestaat uit twee delen. De leden van één van die delen worden rechtstreeks door de kiezers gekozen.</p><p>Hoe heet dit deel van het parlement?</p>',
  key: ['Tweede Kamer', 'de Tweede Kamer'],
  right: ['Tweede Kamer', 'tweede kamer', 'de Tweede Kamer'],
  wrong: ['Eerste Kamer', 'Senaat', 'regering', 'gemeenteraad'],
});
gs.numeric({
  difficulty: 0.3,
  stem: '<p>Hoeveel zetels heeft de Tweede Kamer?</p>',
  key: 150,
  tolerance: 0,
  right: [150],
  wrong: [75, 100, 120, 225],
});
gs.choice({
  maxScore: 2,
  difficulty: 0.5,
  stem: '<p>Tijdens de Koude Oorlog stonden twee bondgenootschappen tegenover elkaar: de NAVO en het Warschaupact.</p><p>Welke <strong>twee</strong> landen waren lid van het Warschaupact? Kies twee antwoorden.</p>',
  options: [['A', 'België'], ['B', 'Oost-Duitsland (DDR)'], ['C', 'Polen'], ['D', 'Frankrijk']],
  key: ['B', 'C'],
  wrong: [['B'], ['A', 'C'], ['B', 'D'], ['A', 'D']],
});
gs.open({
  maxScore: 2,
  difficulty: 0.55,
  stem: '<p>In augustus 1961 liet de regering van de DDR in één nacht een muur bouwen dwars door Berlijn.</p><p>Leg uit waarom de regering van de DDR de Berlijnse Muur liet bouwen.</p>',
  scheme: scheme(2,
    'Veel Oost-Duitsers vluchtten via West-Berlijn naar het Westen. De DDR-regering wilde deze vlucht stoppen, omdat het land daardoor veel (geschoolde) arbeidskrachten verloor.',
    ['veel Oost-Duitsers vluchtten via (West-)Berlijn naar het Westen',
      'de DDR wilde deze vlucht (van vooral jonge, geschoolde mensen) stoppen'],
  ),
  criteria: [
    {
      hit: [
        'Heel veel mensen uit Oost-Duitsland vluchtten via West-Berlijn naar het westen.',
        'Er vluchtten veel Oost-Duitsers naar West-Berlijn omdat het daar beter was.',
      ],
      miss: ['Omdat de Amerikanen Oost-Berlijn wilden aanvallen.'],
    },
    {
      hit: [
        'De DDR wilde dat stoppen want ze raakten zo hun arbeiders kwijt.',
        'Met de muur konden de mensen niet meer weg uit de DDR.',
      ],
      miss: ['De muur moest het Westen buiten houden.'],
    },
  ],
  vague: ['Omdat het Koude Oorlog was.', 'Om Berlijn in twee delen te splitsen', 'ze wilden een grens'],
});
gs.open({
  maxScore: 3,
  difficulty: 0.45,
  stem: '<p>In de negentiende eeuw kwamen er in Nederland steeds meer fabrieken.</p><p>Noem drie gevolgen van de industrialisatie voor het leven van arbeiders in die tijd.</p>',
  scheme: '<p><strong>Maximumscore 3</strong></p><p>Juiste gevolgen zijn bijvoorbeeld:</p><ul><li>(zeer) lange werkdagen</li><li>kinderarbeid</li><li>lage lonen</li><li>gevaarlijk of ongezond werk in de fabriek</li><li>slechte woonomstandigheden in de (snel groeiende) steden</li><li>trek van het platteland naar de stad</li></ul><p>Per juist gevolg — <strong>1</strong></p><p><em>Opmerking:</em> Twee gevolgen die op hetzelfde neerkomen, tellen samen als één gevolg.</p>',
  criteria: [
    {
      hit: ['Ze moesten heel lange dagen werken, soms wel 14 uur.', 'Lange werkdagen.', 'ze werkten van s ochtends vroeg tot s avonds laat'],
      miss: ['Ze hadden meer vrije tijd.'],
    },
    {
      hit: ['Kinderen moesten ook in de fabriek werken.', 'Kinderarbeid.', 'kinderen gingen niet naar school maar werken'],
      miss: ['Kinderen moesten naar school.'],
    },
    {
      hit: ['Ze woonden in kleine, vieze huizen in de stad.', 'Slechte woningen in de stad, er waren veel ziektes.', 'Ze verdienden heel weinig geld.'],
      miss: ['Ze kregen een auto.', 'Er kwamen meer winkels.'],
    },
  ],
  vague: ['Het werd drukker.', 'er kwamen fabrieken', 'Meer werk'],
});

// ---------------------------------------------------------------------------------------------------------
// Exam C — Maatschappijleer GT, school exam: review not allowed.

const ml = new QuestionList('ml');

ml.choice({
  difficulty: 0.3,
  stem: '<p>Welk grondrecht staat in artikel 1 van de Grondwet?</p>',
  options: [
    ['A', 'de vrijheid van godsdienst'],
    ['B', 'gelijke behandeling en het verbod op discriminatie'],
    ['C', 'de vrijheid van meningsuiting'],
    ['D', 'het kiesrecht'],
  ],
  key: ['B'],
  wrong: [['C'], ['C'], ['A'], ['D']],
});
ml.choice({
  maxScore: 2,
  difficulty: 0.4,
  stem: '<p>Nederland is een rechtsstaat.</p><p>Welke <strong>twee</strong> kenmerken horen bij een rechtsstaat? Kies twee antwoorden.</p>',
  options: [
    ['A', 'Ook de overheid moet zich aan de wet houden.'],
    ['B', 'De regering bepaalt wat er in de krant mag staan.'],
    ['C', 'Burgers hebben grondrechten die de overheid moet respecteren.'],
    ['D', 'De politie mag iemand zonder reden vasthouden.'],
  ],
  key: ['A', 'C'],
  wrong: [['C'], ['A', 'B'], ['C', 'D'], ['B', 'C']],
});
ml.match({
  maxScore: 2,
  difficulty: 0.55,
  stem: '<p>Koppel elk begrip aan de juiste omschrijving.</p>',
  left: [['norm', 'norm'], ['waarde', 'waarde'], ['rol', 'rol'], ['status', 'status']],
  right: [
    ['regel', 'een ongeschreven regel over hoe je je hoort te gedragen'],
    ['belangrijk', 'een idee over wat belangrijk is in het leven'],
    ['gedrag', 'het gedrag dat anderen verwachten bij jouw positie'],
    ['aanzien', 'het aanzien dat iemand heeft in een groep'],
    ['wet', 'een regel die in de wet staat'],
  ],
  key: [['norm', 'regel'], ['waarde', 'belangrijk'], ['rol', 'gedrag'], ['status', 'aanzien']],
});
ml.text({
  difficulty: 0.45,
  stem: '<p>Kinderen leren van hun ouders, op school en van vrienden welke normen en waarden er gelden.</p><p>Hoe heet dit proces?</p>',
  key: ['socialisatie'],
  right: ['socialisatie', 'Socialisatie'],
  wrong: ['opvoeding', 'integratie', 'identiteit'],
});
ml.numeric({
  difficulty: 0.5,
  stem: '<p>Vanaf welke leeftijd kan een jongere in Nederland voor een strafbaar feit worden vervolgd?</p>',
  key: 12,
  tolerance: 0,
  right: [12],
  wrong: [14, 16, 18],
});
ml.open({
  maxScore: 2,
  difficulty: 0.5,
  stem: '<p>In Nederland is er strafrecht en burgerlijk (civiel) recht.</p><p>Leg uit wat het verschil is tussen strafrecht en burgerlijk recht.</p>',
  scheme: scheme(2,
    'Bij strafrecht vervolgt de overheid (het Openbaar Ministerie) iemand die een strafbaar feit heeft gepleegd. Bij burgerlijk recht gaat het om een conflict tussen burgers of bedrijven onderling.',
    ['bij strafrecht vervolgt de overheid / het Openbaar Ministerie iemand die een strafbaar feit heeft gepleegd',
      'bij burgerlijk recht gaat het om een conflict tussen burgers (of bedrijven) onderling'],
  ),
  criteria: [
    {
      hit: ['Bij strafrecht gaat het om een misdrijf en vervolgt de officier van justitie de dader.', 'Strafrecht is als de staat iemand vervolgt voor een strafbaar feit.'],
      miss: ['Bij strafrecht krijg je altijd gevangenisstraf.'],
    },
    {
      hit: ['Bij burgerlijk recht is het een ruzie tussen twee burgers, bijvoorbeeld over een huurcontract.', 'civiel recht is een conflict tussen mensen of bedrijven onderling'],
      miss: ['Burgerlijk recht is voor kleine dingen.'],
    },
  ],
  vague: ['Het ene is zwaarder dan het andere.', 'weet ik niet'],
});

// ---------------------------------------------------------------------------------------------------------
// Exam D — Wiskunde GT, central exam, review period not yet open.

const wi = new QuestionList('wi');

wi.numeric({
  difficulty: 0.25,
  stem: '<p>Een spijkerbroek kost € 60,-. In de uitverkoop krijg je 15% korting.</p><p>Hoeveel euro korting krijg je?</p>',
  key: 9,
  tolerance: 0,
  right: [9],
  wrong: [51, 15, 6],
});
wi.numeric({
  maxScore: 2,
  difficulty: 0.55,
  stem: '<p>Een ladder van 5,0 m staat schuin tegen een muur. De voet van de ladder staat 1,4 m van de muur.</p><p>Bereken hoe hoog de bovenkant van de ladder tegen de muur komt. Rond af op één decimaal.</p>',
  key: 4.8,
  tolerance: 0.05,
  right: [4.8, 4.8],
  wrong: [5.2, 3.6, 23, 4.9],
});
wi.choice({
  difficulty: 0.45,
  stem: '<p>Een rechte lijn gaat door de punten (0, 3) en (2, 7).</p><p>Welke formule hoort bij deze lijn?</p>',
  options: [['A', 'y = 3x + 2'], ['B', 'y = 2x + 3'], ['C', 'y = 4x + 3'], ['D', 'y = 2x + 7']],
  key: ['B'],
  wrong: [['A'], ['C'], ['D']],
});
wi.order({
  maxScore: 2,
  difficulty: 0.5,
  stem: '<p>Zet de getallen in volgorde van klein naar groot.</p>',
  items: [['a', '0,38'], ['b', '2/5'], ['c', '35%'], ['d', '0,395']],
  key: ['c', 'a', 'd', 'b'],
  wrong: [['a', 'c', 'd', 'b'], ['c', 'a', 'b', 'd']],
});
wi.text({
  difficulty: 0.2,
  stem: '<p>Hoe heet een driehoek waarvan alle drie de zijden even lang zijn?</p>',
  key: ['gelijkzijdig', 'gelijkzijdige driehoek', 'gelijkzijdige'],
  right: ['gelijkzijdig', 'gelijkzijdige driehoek'],
  wrong: ['gelijkbenig', 'rechthoekig'],
});
wi.match({
  maxScore: 2,
  difficulty: 0.4,
  stem: '<p>Koppel elke vergelijking aan de oplossing.</p>',
  left: [['v1', '2x + 4 = 10'], ['v2', '3x − 5 = 7'], ['v3', 'x : 2 = 6'], ['v4', '5x = −10']],
  right: [['x3', 'x = 3'], ['x4', 'x = 4'], ['x12', 'x = 12'], ['xm2', 'x = −2'], ['x6', 'x = 6']],
  key: [['v1', 'x3'], ['v2', 'x4'], ['v3', 'x12'], ['v4', 'xm2']],
});
wi.open({
  maxScore: 3,
  difficulty: 0.6,
  chain: true,
  stem: '<p>Sara kiest een belabonnement.</p><ul><li>Abonnement A: € 15,- per maand en € 0,05 per belminuut.</li><li>Abonnement B: € 22,- per maand, onbeperkt bellen.</li></ul><p>Bereken vanaf hoeveel belminuten per maand abonnement B goedkoper is dan abonnement A. Schrijf je berekening op.</p>',
  scheme: scheme(3,
    '22 − 15 = 7 euro verschil; 7 : 0,05 = 140 minuten. Bij meer dan 140 minuten per maand is abonnement B goedkoper.',
    ['het verschil in vaste kosten is € 7,-', '7 : 0,05 = 140', 'conclusie: bij meer dan 140 minuten is B goedkoper']),
  criteria: [
    { hit: ['22 - 15 = 7 euro', 'verschil is 7 euro', '22-15=7'], miss: ['22 + 15 = 37'] },
    { hit: ['7 / 0,05 = 140', '7 : 0,05 = 140 minuten', '140 x 0,05 = 7'], miss: ['7 x 0,05 = 0,35'] },
    { hit: ['Dus vanaf meer dan 140 minuten is B goedkoper.', 'dus boven de 140 min is B goedkoper'] },
  ],
  vague: ['B is goedkoper', 'A want dat is goedkoper'],
});

// ---------------------------------------------------------------------------------------------------------
// Exam E — Economie havo 4, school exam: review open, key and scheme withheld.

const ec = new QuestionList('ec');

ec.choice({
  difficulty: 0.3,
  stem: '<p>Wat wordt bedoeld met inflatie?</p>',
  options: [
    ['A', 'een stijging van het algemeen prijspeil'],
    ['B', 'een daling van de werkloosheid'],
    ['C', 'een stijging van de koopkracht'],
    ['D', 'een daling van de rente'],
  ],
  key: ['A'],
  wrong: [['C'], ['C'], ['B'], ['D']],
});
ec.numeric({
  difficulty: 0.4,
  stem: '<p>Een trui kost € 50,- exclusief 21% btw.</p><p>Bereken de prijs van de trui inclusief btw, in euro’s.</p>',
  key: 60.5,
  tolerance: 0.01,
  right: [60.5, 60.50],
  wrong: [10.5, 71, 61, 39.5],
});
ec.choice({
  maxScore: 2,
  difficulty: 0.5,
  stem: '<p>Bakkerij Van Dam maakt brood en gebak.</p><p>Welke <strong>twee</strong> kosten zijn vaste kosten voor de bakkerij? Kies twee antwoorden.</p>',
  options: [['A', 'de huur van het bedrijfspand'], ['B', 'meel en gist'], ['C', 'de premie voor de brandverzekering'], ['D', 'verpakkingsmateriaal']],
  key: ['A', 'C'],
  wrong: [['A', 'B'], ['A'], ['B', 'D'], ['C', 'D']],
});
ec.match({
  maxScore: 2,
  difficulty: 0.45,
  stem: '<p>Koppel elke beloning aan de productiefactor die deze beloning krijgt.</p>',
  left: [['loon', 'loon'], ['rente', 'rente'], ['pacht', 'pacht'], ['winst', 'winst']],
  right: [['arbeid', 'arbeid'], ['kapitaal', 'kapitaal'], ['natuur', 'natuur'], ['ondernemerschap', 'ondernemerschap']],
  key: [['loon', 'arbeid'], ['rente', 'kapitaal'], ['pacht', 'natuur'], ['winst', 'ondernemerschap']],
});
ec.text({
  difficulty: 0.25,
  stem: '<p>Hoe heet de markt waarop de vraag naar en het aanbod van arbeid samenkomen?</p>',
  key: ['arbeidsmarkt', 'de arbeidsmarkt'],
  right: ['arbeidsmarkt', 'Arbeidsmarkt', 'de arbeidsmarkt'],
  wrong: ['banenmarkt', 'vrije markt', 'werkmarkt'],
});
ec.numeric({
  difficulty: 0.65,
  stem: '<p>De prijs van een bioscoopkaartje stijgt met 10%. Daardoor daalt het aantal verkochte kaartjes met 5%.</p><p>Bereken de prijselasticiteit van de vraag.</p>',
  key: -0.5,
  tolerance: 0.01,
  right: [-0.5, -0.50],
  wrong: [0.5, -2, 2],
});
ec.open({
  maxScore: 2,
  difficulty: 0.6,
  stem: '<p>De Europese Centrale Bank verhoogt de rente.</p><p>Leg uit hoe een hogere rente kan leiden tot minder consumptieve bestedingen van gezinnen.</p>',
  scheme: scheme(2,
    'Lenen wordt duurder, dus gezinnen kopen minder op krediet. Sparen levert meer op, dus gezinnen sparen meer en besteden minder.',
    ['lenen wordt duurder, waardoor gezinnen minder op krediet kopen', 'sparen wordt aantrekkelijker, waardoor gezinnen meer sparen en minder besteden']),
  criteria: [
    {
      hit: ['Lenen wordt duurder, dus mensen kopen minder op afbetaling.', 'Als je geld leent moet je meer rente betalen, dus mensen lenen minder voor een auto of keuken.'],
      miss: ['Alles wordt duurder door de rente.'],
    },
    {
      hit: ['Sparen levert meer op, dus mensen zetten meer geld op de bank in plaats van het uit te geven.', 'Je krijgt meer rente op je spaargeld dus sparen wordt aantrekkelijker.'],
      miss: ['Mensen hebben minder geld op de bank.'],
    },
  ],
  vague: ['Mensen hebben minder geld.', 'Omdat de rente hoger is.'],
});

// ---------------------------------------------------------------------------------------------------------
// Candidates. Ability (0–1) drives how often they answer correctly; it is part of the plan, not the file.

type CandidateRow = readonly [number: string, firstName: string, prefix: string, lastName: string, className: string, ability: number];

const CANDIDATES: CandidateRow[] = [
  // vmbo kader, 4KB1 and 4KB2: Biologie (A) and some Geschiedenis (B)
  ['241001', 'Sanne', 'de', 'Vries', '4KB1', 0.62],
  ['241002', 'Mohammed', '', 'El Amrani', '4KB1', 0.74],
  ['241003', 'Daan', '', 'Bakker', '4KB1', 0.45],
  ['241004', 'Elif', '', 'Yilmaz', '4KB1', 0.88],
  ['241005', 'Noah', 'van den', 'Berg', '4KB1', 0.33],
  ['241006', 'Shanice', '', 'Pinas', '4KB1', 0.58],
  ['241007', 'Bram', 'de', 'Jong', '4KB1', 0.52],
  ['241008', 'Zeynep', '', 'Kaya', '4KB1', 0.81],
  ['241009', 'Jayden', '', 'Kromodimedjo', '4KB1', 0.4],
  ['241010', 'Lotte', '', 'Meijer', '4KB1', 0.67],
  ['241011', 'Ayoub', '', 'Bouzid', '4KB1', 0.55],
  ['241012', 'Julia', '', 'Smit', '4KB1', 0.93],
  ['241013', 'Kevin', '', 'Nguyen', '4KB1', 0.7],
  ['241014', 'Tess', 'van', 'Dijk', '4KB2', 0.6],
  ['241015', 'Rayan', '', 'Haddou', '4KB2', 0.28],
  ['241016', 'Priya', '', 'Ramsaran', '4KB2', 0.77],
  ['241017', 'Luuk', '', 'Mulder', '4KB2', 0.49],
  ['241018', 'Amira', '', 'Benali', '4KB2', 0.64],
  ['241019', 'Wiktor', '', 'Nowak', '4KB2', 0.57],
  ['241020', 'Femke', '', 'Dijkstra', '4KB2', 0.85],
  ['241021', 'Ömer', '', 'Şahin', '4KB2', 0.43],
  ['241022', 'Milan', '', 'Jansen', '4KB2', 0.36],
  ['241023', 'Nina', '', 'Verbeek', '4KB2', 0.71],
  ['241024', 'Thijs', 'van', 'Leeuwen', '4KB2', 0.51],
  // extra time (verlengde examentijd), a separate room
  ['241025', 'Sara', '', 'Haddad', '4KB2', 0.59],
  ['241026', 'Jesse', '', 'Koster', '4KB2', 0.38],
  ['241027', 'Noor', '', 'Hendriks', '4KB1', 0.69],
  // vmbo gemengde/theoretische leerweg, 4GT1 and 4GT2: Maatschappijleer (C) and Wiskunde (D)
  ['242001', 'Sophie', 'van der', 'Linden', '4GT1', 0.8],
  ['242002', 'Adam', '', 'Boukhari', '4GT1', 0.55],
  ['242003', 'Lisa', '', 'Brouwer', '4GT1', 0.66],
  ['242004', 'Tim', 'de', 'Graaf', '4GT1', 0.42],
  ['242005', 'Mees', '', 'Kuipers', '4GT2', 0.73],
  ['242006', 'Yara', '', 'Ouali', '4GT2', 0.6],
  ['242007', 'Dewi', '', 'Wongsokarijo', '4GT2', 0.87],
  ['242008', 'Anouk', 'van', 'Beek', '4GT2', 0.47],
  ['242009', 'Jamal', '', 'Ahmadi', '4GT2', 0.35],
  ['242010', 'Roos', '', 'Vermeulen', '4GT1', 0.68],
  // havo 4, 4H2: Economie (E)
  ['243001', 'Fleur', '', 'Bos', '4H2', 0.78],
  ['243002', 'Hamza', '', 'Ait Taleb', '4H2', 0.63],
  ['243003', 'Emma', '', 'Hoekstra', '4H2', 0.9],
  ['243004', 'Lucas', '', 'Wang', '4H2', 0.5],
  ['243005', 'Maja', '', 'Kowalczyk', '4H2', 0.7],
  ['243006', 'Stijn', 'van', 'Rijn', '4H2', 0.5],
];

const ability = new Map(CANDIDATES.map((c) => [c[0], c[5]]));
const candidates: Candidate[] = CANDIDATES.map(([number, firstName, prefix, lastName, className]) => ({
  number, firstName, ...(prefix ? { lastNamePrefix: prefix } : {}), lastName, className,
}));

// ---------------------------------------------------------------------------------------------------------
// Exams and their review settings (all relative to the anchor, 2026-06-10 12:00).

interface ExamPlan { exam: Exam; specs: Spec[] }

function examPlan(e: Omit<Exam, 'questions'>, list: QuestionList): ExamPlan {
  return { exam: { ...e, questions: list.specs.map((s) => s.q) }, specs: list.specs };
}

const reviewWindow = (opens: string, closes: string) => ({ opensAt: cest(at(opens)), closesAt: cest(at(closes)) });

const A = examPlan({
  id: 'bi-kb-2026-1', title: 'Biologie KB — centraal examen 2026, 1e tijdvak', subject: 'Biologie', level: 'KB', central: true,
  review: { allowed: true, ...reviewWindow('2026-06-08 08:00', '2026-06-19 17:00'), maxMinutes: 45, showKey: true, showScheme: true },
}, bi);
const B = examPlan({
  id: 'gs-kb-2026-1', title: 'Geschiedenis KB — centraal examen 2026, 1e tijdvak', subject: 'Geschiedenis', level: 'KB', central: true,
  review: { allowed: true, ...reviewWindow('2026-05-26 08:00', '2026-06-05 17:00'), maxMinutes: 30, showKey: true, showScheme: true },
}, gs);
const C = examPlan({
  id: 'ml-gt-2026-se3', title: 'Maatschappijleer GT — schoolexamen SE3', subject: 'Maatschappijleer', level: 'GT', central: false,
  review: { allowed: false, maxMinutes: 30, showKey: true, showScheme: true },
}, ml);
const D = examPlan({
  id: 'wi-gt-2026-1', title: 'Wiskunde GT — centraal examen 2026, 1e tijdvak', subject: 'Wiskunde', level: 'GT', central: true,
  review: { allowed: true, ...reviewWindow('2026-06-15 08:00', '2026-06-26 17:00'), maxMinutes: 45, showKey: true, showScheme: true },
}, wi);
const E = examPlan({
  id: 'ec-h4-2026-se4', title: 'Economie havo 4 — schoolexamen SE4', subject: 'Economie', level: 'havo', central: false,
  review: { allowed: true, ...reviewWindow('2026-06-09 08:00', '2026-06-17 16:00'), maxMinutes: 30, showKey: false, showScheme: false },
}, ec);

// ---------------------------------------------------------------------------------------------------------
// Responses.

/** Chance that a candidate of this ability gets a question of this difficulty right (before guessing). */
const pRight = (ability: number, difficulty: number) => 1 / (1 + Math.exp(-7 * (ability - difficulty - 0.1)));

/** Two items swapped: the near miss of an order question. */
function swapOne<T>(xs: readonly T[], adjacent: boolean): T[] {
  const a = [...xs];
  const i = between(0, a.length - 2);
  const j = adjacent ? i + 1 : between(i + 1, a.length - 1);
  [a[i], a[j]] = [a[j]!, a[i]!];
  return a;
}

function wrongOrder(q: OrderQuestion, spec: ClosedSpec, skill: number): string[] {
  if (spec.wrong.length && chance(0.5)) return pick(spec.wrong) as string[];
  if (chance(skill)) return swapOne(q.key, true);
  for (;;) {
    const a = shuffled(q.key);
    if (!isCorrect(q, a)) return a;
  }
}

function wrongMatch(q: MatchQuestion, skill: number): [string, string][] {
  const lefts = q.key.map((p) => p[0]);
  const rights = q.key.map((p) => p[1]);
  const spare = q.right.map((r) => r.id).filter((id) => !rights.includes(id));
  if (chance(skill)) {
    // one or two slips: two answers swapped, or a distractor used for one
    if (spare.length && chance(0.4)) {
      const i = between(0, lefts.length - 1);
      return lefts.map((l, k) => [l, k === i ? pick(spare) : rights[k]!]);
    }
    const swapped = swapOne(rights, false);
    return lefts.map((l, k) => [l, swapped[k]!]);
  }
  for (;;) {
    const pool = shuffled([...rights, ...spare]);
    const pairs = lefts.map((l, k): [string, string] => [l, pool[k]!]);
    if (!isCorrect(q, pairs)) return pairs;
  }
}

function respondClosed(spec: ClosedSpec, skill: number): ResponseValue {
  const q = spec.q;
  if (chance(Math.max(0, 0.1 - 0.14 * skill))) return null;
  // a single-answer choice question can be guessed right
  const guess = q.type === 'choice' && !q.multiple ? 1 / q.options.length : 0;
  if (chance(guess + (1 - guess) * pRight(skill, spec.difficulty))) {
    return pick(spec.right);
  }
  switch (q.type) {
    case 'order': return wrongOrder(q, spec, skill);
    case 'match': return wrongMatch(q, skill);
    default: return pick(spec.wrong);
  }
}

/** Partial credit: one point off per mistake (multiple answers), per slip (order), per pair (match). */
function scoreClosed(q: ClosedQuestion, r: ResponseValue): number {
  if (r === null) return 0;
  if (isCorrect(q, r)) return q.maxScore;
  const below = (n: number) => Math.max(0, Math.min(q.maxScore - 1, n));
  switch (q.type) {
    case 'choice': {
      if (!q.multiple || q.maxScore < 2) return 0;
      const given = r as string[];
      const mistakes = q.key.filter((k) => !given.includes(k)).length + given.filter((g) => !q.key.includes(g)).length;
      return below(q.maxScore - mistakes);
    }
    case 'order': {
      const given = r as string[];
      const misplaced = q.key.filter((k, i) => given[i] !== k).length;
      return misplaced === 2 ? below(q.maxScore - 1) : 0;
    }
    case 'match': {
      const given = (r as string[][]).map((p) => `${p[0]}>${p[1]}`);
      const right = q.key.filter((p) => given.includes(`${p[0]}>${p[1]}`)).length;
      return below(Math.floor((q.maxScore * right) / q.key.length));
    }
    default:
      return 0;
  }
}

/** Careful writers write sentences; less careful ones start without a capital and end without a full stop. */
function handwriting(parts: string[], skill: number, sentences: boolean): string[] {
  if (skill < 0.55 && chance(0.6)) return parts.map((p) => (p.charAt(0).toLowerCase() + p.slice(1)).replace(/\.$/, ''));
  if (skill < 0.55 || !sentences) return parts;
  return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1) + (/[.!?]$/.test(p) ? '' : '.'));
}

function respondOpen(spec: OpenSpec, skill: number): { response: string | null; score: number } {
  if (chance(0.25 * (1 - skill) ** 1.5)) return { response: null, score: 0 };
  const parts: string[] = [];
  let score = 0;
  for (const c of spec.criteria) {
    if (chance(pRight(skill, spec.difficulty))) {
      parts.push(pick(c.hit));
      score++;
    } else {
      if (c.miss && chance(0.5)) parts.push(pick(c.miss));
      // a calculation that went wrong stops there
      if (spec.chain) break;
    }
  }
  if (!parts.length) parts.push(pick(spec.vague));
  // a calculation goes line by line; an explanation sometimes
  const text = handwriting(parts, skill, !spec.chain).join(spec.chain || chance(0.4) ? '\n' : ' ');
  return { response: text, score };
}

// ---------------------------------------------------------------------------------------------------------
// Groups and sittings.

interface GroupPlan {
  id: string;
  name: string;
  plan: ExamPlan;
  startsAt: string;
  location: string;
  /** Working time candidates take, in minutes. */
  minutes: [number, number];
  candidateNumbers: string[];
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

const GROUPS: GroupPlan[] = [
  {
    id: 'g-bi-kb-0512-aula', name: 'Biologie KB — aula', plan: A, startsAt: '2026-05-12 09:00', location: 'Aula',
    minutes: [48, 88], candidateNumbers: range(241001, 241024),
  },
  {
    id: 'g-bi-kb-0512-104', name: 'Biologie KB — lokaal 1.04 (verlengde tijd)', plan: A, startsAt: '2026-05-12 09:00', location: 'Lokaal 1.04',
    minutes: [70, 118], candidateNumbers: range(241025, 241027),
  },
  {
    id: 'g-gs-kb-0518-211', name: 'Geschiedenis KB — lokaal 2.11', plan: B, startsAt: '2026-05-18 13:30', location: 'Lokaal 2.11',
    minutes: [40, 75], candidateNumbers: ['241001', '241003', '241008', '241013', '241016', '241022', '241025'],
  },
  {
    id: 'g-ml-gt-0506-115', name: 'Maatschappijleer GT SE3 — lokaal 1.15', plan: C, startsAt: '2026-05-06 10:15', location: 'Lokaal 1.15',
    minutes: [25, 48], candidateNumbers: ['242001', '242002', '242003', '242004', '242006', '242010'],
  },
  {
    id: 'g-wi-gt-0520-gym', name: 'Wiskunde GT — gymzaal', plan: D, startsAt: '2026-05-20 09:00', location: 'Gymzaal',
    minutes: [60, 115], candidateNumbers: ['242001', '242002', '242004', '242005', '242007', '242008', '242009'],
  },
  {
    id: 'g-ec-h4-0527-302', name: 'Economie havo 4 SE4 — lokaal 3.02', plan: E, startsAt: '2026-05-27 11:00', location: 'Lokaal 3.02',
    minutes: [35, 60], candidateNumbers: range(243001, 243006),
  },
];

const groups: Group[] = [];
const sittings: ImportedSitting[] = [];
const summary: string[] = [];

for (const g of GROUPS) {
  const start = at(g.startsAt);
  groups.push({ id: g.id, name: g.name, examId: g.plan.exam.id, startsAt: cest(start), location: g.location, candidateNumbers: g.candidateNumbers });
  const max = g.plan.specs.reduce((sum, s) => sum + s.q.maxScore, 0);
  for (const number of g.candidateNumbers) {
    const skill = ability.get(number);
    if (skill === undefined) throw new Error(`group ${g.id}: unknown candidate ${number}`);
    const responses = g.plan.specs.map((spec) => {
      const { response, score } = spec.kind === 'open'
        ? respondOpen(spec, skill)
        : (() => { const r = respondClosed(spec, skill); return { response: r, score: scoreClosed(spec.q, r) }; })();
      return { questionId: spec.q.id, response, score, ...(chance(0.04) ? { flagged: true } : {}) };
    });
    const total = responses.reduce((sum, r) => sum + r.score, 0);
    const grade = Math.round(10 * (1 + (9 * total) / max)) / 10;
    const startedAt = start + between(0, 4) * MINUTE + between(0, 59) * 1000;
    const submittedAt = startedAt + between(g.minutes[0], g.minutes[1]) * MINUTE + between(0, 59) * 1000;
    const id = `s-${g.plan.exam.id.split('-').slice(0, 2).join('-')}-${number}`;
    sittings.push({ id, groupId: g.id, candidateNumber: number, startedAt: cest(startedAt), submittedAt: cest(submittedAt), grade, responses });
    summary.push(`${g.id.padEnd(22)} ${id.padEnd(18)} ${String(total).padStart(3)}/${max}  ${grade.toFixed(1)}`);
  }
}

const file: ImportFile = {
  format: 'inzage/v1',
  exams: [A, B, C, D, E].map((p) => p.exam),
  candidates,
  groups,
  sittings,
};

const parsed = ImportFileSchema.safeParse(file);
if (!parsed.success) throw new Error(`the demo file does not pass the schema:\n${parsed.error.message}`);

/** The text of demo/demo.json, as this script writes it (tests/unit/demo.test.ts checks the committed file is this). */
export const DEMO_JSON = `${JSON.stringify(file, null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('../demo/demo.json', import.meta.url));
  writeFileSync(out, DEMO_JSON);
  if (process.argv.includes('--summary')) console.log(summary.join('\n'));
  console.log(`wrote ${out}: ${file.exams.length} exams, ${candidates.length} candidates, ${groups.length} groups, ${sittings.length} sittings`);
}
