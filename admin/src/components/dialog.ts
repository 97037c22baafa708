import { css } from 'lit';

/** Keep a `<dialog>` in a component's shadow root open (modal) exactly while its state says so. */
export function syncDialog(root: ParentNode, id: string, open: boolean): void {
  const dialog = root.querySelector<HTMLDialogElement>(`#${id}`);
  if (!dialog) return;
  if (open && !dialog.open) dialog.showModal();
  if (!open && dialog.open) dialog.close();
}

/** The look of a confirmation dialog (heading, text, buttons at the end), as in 'Kiosks'. */
export const dialogStyles = css`
  dialog {
    border: 1px solid var(--line); border-radius: var(--radius-lg); padding: 0; width: min(28rem, calc(100vw - 2rem));
    color: var(--ink); box-shadow: 0 20px 50px rgb(15 23 32 / 0.3);
  }
  dialog::backdrop { background: rgb(15 23 32 / 0.45); }
  dialog form, dialog .body { display: flex; flex-direction: column; gap: var(--space-4); padding: var(--space-5); }
  dialog .buttons { display: flex; justify-content: flex-end; gap: var(--space-2); }
`;
