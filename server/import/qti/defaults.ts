/** Exam fields a QTI test does not carry; `DEFAULT_EXAM_FIELDS` unless the import says otherwise (no imports: the CLI's help reads it). */
export interface ExamFields { subject: string; level: string; central: boolean }
export const DEFAULT_EXAM_FIELDS: ExamFields = { subject: 'Onbekend', level: 'Onbekend', central: false };
