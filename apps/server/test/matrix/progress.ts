// Access-control matrix entries for the progress routes (spread into ROUTES in ../access-matrix.test.ts).
import type { MatrixEntries } from '../support/matrix.js';

export const progressMatrix: MatrixEntries = {};
