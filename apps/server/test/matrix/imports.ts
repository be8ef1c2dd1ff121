// Access-control matrix entries for the imports routes (spread into ROUTES in ../access-matrix.test.ts).
import type { MatrixEntries } from '../support/matrix.js';

export const importMatrix: MatrixEntries = {};
