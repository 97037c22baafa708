/** Keep a `<dialog>` in a component's shadow root open (modal) exactly while its state says so. */
export function syncDialog(root: ParentNode, id: string, open: boolean): void {
  const dialog = root.querySelector<HTMLDialogElement>(`#${id}`);
  if (!dialog) return;
  if (open && !dialog.open) dialog.showModal();
  if (!open && dialog.open) dialog.close();
}
