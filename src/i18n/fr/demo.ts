export const demo = {
  demo: {},
};
