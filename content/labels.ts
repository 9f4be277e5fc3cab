/** The label of the entry with `id` in a content list (areas, concerns, add-ons), or the id itself. */
export const labelOf = (list: readonly { readonly id: string; readonly label: string }[], id: string): string =>
  list.find((entry) => entry.id === id)?.label ?? id
