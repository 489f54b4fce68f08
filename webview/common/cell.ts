// A cell of a 2-D grid as [row, column]: what grids highlight and report, and what the panel's pure computations return.
export type Cell = [number, number];
