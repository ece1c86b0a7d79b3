export const query = {
  query: {},
};
