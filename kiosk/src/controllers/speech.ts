/**
 * Read-aloud ('Voorlezen') with the browser's speech synthesis, tied to its host element's life: speaking stops when
 * the host is removed (another question, the end of the review), so nothing goes on reading a candidate's answer
 * to the next one. The language is the kiosk's (`nl-NL`, `en-GB`); where the PC has no voice for it, `noVoice` says
 * so (the browser may still read with another voice).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang } from '../i18n.ts';

export type SpeechState = 'idle' | 'speaking' | 'paused';
const BCP47: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** The PC's voice for the language: the exact one (`nl-NL`) or else any of it (`nl-BE`). */
function voiceFor(lang: Lang): SpeechSynthesisVoice | undefined {
  const voices = speechSynthesis.getVoices();
  return voices.find((v) => v.lang === BCP47[lang]) ?? voices.find((v) => v.lang.toLowerCase().startsWith(lang));
}

export class SpeechController implements ReactiveController {
  state: SpeechState = 'idle';
  /** the PC has no voice for the last language asked (known once the browser has listed its voices) */
  noVoice = false;
  private utterance: SpeechSynthesisUtterance | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Whether this browser can read aloud at all. */
  get supported(): boolean {
    return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }

  speak(text: string, lang: Lang): void {
    if (!this.supported) return;
    this.stop();
    const u = new SpeechSynthesisUtterance(text);
    u.lang = BCP47[lang];
    const voice = voiceFor(lang);
    if (voice) u.voice = voice;
    this.noVoice = !voice;
    // a browser may list its voices only after a first use: look again once it has
    if (!voice && speechSynthesis.getVoices().length === 0) {
      speechSynthesis.addEventListener('voiceschanged', () => {
        this.noVoice = !voiceFor(lang);
        this.host.requestUpdate();
      }, { once: true });
    }
    const done = () => {
      if (this.utterance !== u) return;
      this.utterance = null;
      this.set('idle');
    };
    u.onend = done;
    u.onerror = done;
    this.utterance = u;
    this.set('speaking');
    speechSynthesis.speak(u);
  }

  pause(): void {
    if (this.state !== 'speaking') return;
    speechSynthesis.pause();
    this.set('paused');
  }

  resume(): void {
    if (this.state !== 'paused') return;
    speechSynthesis.resume();
    this.set('speaking');
  }

  stop(): void {
    if (!this.utterance && this.state === 'idle') return;
    this.utterance = null;
    if (this.supported) speechSynthesis.cancel();
    this.set('idle');
  }

  private set(state: SpeechState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
