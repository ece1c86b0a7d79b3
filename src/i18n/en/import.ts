export const importText = {
  import: {},
};
