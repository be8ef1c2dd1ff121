import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsToIsoDate,
  aggregateResourceMap,
  analyzeResources,
  compareResourceSnapshots,
  findExpiringResourceFunding,
  resourceNameSignature,
  resourceUnitsIn,
  type MappedResource,
  type ResourceFinding,
  type ResourceMapUnit,
} from '../src/resources/analysis.js';
import { adaptInterventionFramework, INTERVENTION_FRAMEWORK, interventionCells } from '../src/resources/framework.js';
import {
  mapResourceImportHeader,
  RESOURCE_EXPORT_HEADER,
  RESOURCE_IMPORT_COLUMNS,
  resourceExportRow,
  resourceNaturalKey,
  validateResourceImport,
} from '../src/resources/import.js';
import {
  ResourceCreate,
  resourceCreateFor,
  ResourceFindingSchema,
  ResourceInput,
  resourceInputFor,
  resourceUpdateFor,
  ResourcePriorityNeedCreate,
  ResourceRecommendationCreate,
  ResourceRecommendationUpdate,
  ResourceUpdate,
  RESOURCE_RECOMMENDATION_TYPES,
} from '../src/resources/schemas.js';

const framework = INTERVENTION_FRAMEWORK;
const UNIT_ID = '7d0c3c1e-2f4b-4a8e-9c1d-0a1b2c3d4e5f';
const PERSON_ID = '11111111-2222-4333-8444-555555555555';

// Cells used below.
const CLASSROOM = 'classroom-supports:prevention';
const TRANSITIONS = 'transitions:prevention';
const HOME = 'home-involvement:prevention';
const CRISIS_TREATMENT = 'crisis-assistance:treatment';
const SPECIAL_EARLY = 'student-family-assistance:early-intervention';

// ---- Factories -----------------------------------------------------------------------------------

const input = (overrides: Partial<Record<keyof ResourceInput, unknown>> = {}) => ({
  name: 'Check & Connect',
  kind: 'program',
  providerType: 'school',
  cells: [SPECIAL_EARLY],
  coordinated: true,
  ...overrides,
});

let nextId = 0;
const resource = (unitId: string, overrides: Partial<MappedResource> = {}): MappedResource => ({
  id: `r${String(++nextId).padStart(4, '0')}`,
  unitId,
  name: `Resource ${nextId}`,
  cells: [CLASSROOM],
  coordinated: true,
  ...overrides,
});
const unit = (id: string, population: number | null, overrides: Partial<ResourceMapUnit> = {}): ResourceMapUnit => ({ id, name: `${id} School`, population, ...overrides });

const problemsOf = (result: ReturnType<typeof ResourceInput.safeParse>) =>
  result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
const ofCode = <C extends ResourceFinding['code']>(findings: readonly ResourceFinding[], code: C) =>
  findings.filter((f): f is Extract<ResourceFinding, { code: C }> => f.code === code);
const cellOf = (map: ReturnType<typeof aggregateResourceMap>, key: string) => map.cells.find((c) => c.cell === key)!;

// ---- Schemas -------------------------------------------------------------------------------------

describe('resource schemas', () => {
  it('accept a resource with its provider, cells and figures', () => {
    const parsed = ResourceCreate.parse({
      unitId: UNIT_ID,
      ...input({
        description: '  Mentors check attendance daily.  ',
        providerType: 'community_agency',
        partnerName: 'Boys & Girls Club',
        cells: [' Student-Family-Assistance:Early-Intervention ', TRANSITIONS],
        populationServed: 40,
        capacity: 60,
        staffFte: 1.5,
        annualCost: 42_000,
        fundingSource: 'Title IV-A grant',
        fundingEndsOn: '2027-06-30',
        responsiblePersonId: PERSON_ID,
        purposeTags: ['Attendance', 'peer mentoring', 'attendance'],
        targetPopulation: 'Grade 9 students with chronic absence',
      }),
    });
    expect(parsed.cells).toEqual([SPECIAL_EARLY, TRANSITIONS]);
    expect(parsed.description).toBe('Mentors check attendance daily.');
    expect(parsed.purposeTags).toEqual(['attendance', 'peer-mentoring']);
  });

  it('refuse a community agency without the partner named', () => {
    expect(problemsOf(ResourceInput.safeParse(input({ providerType: 'community_agency' })))).toEqual([
      { path: 'partnerName', message: 'must name the community agency that provides it' },
    ]);
    expect(problemsOf(ResourceInput.safeParse(input({ providerType: 'community_agency', partnerName: '   ' })))).toEqual([
      { path: 'partnerName', message: 'must name the community agency that provides it' },
    ]);
    expect(ResourceInput.safeParse(input({ providerType: 'school' })).success).toBe(true);
  });

  it('refuse bad values with messages a person can act on', () => {
    expect(problemsOf(ResourceInput.safeParse(input({ name: ' ', kind: 'club', providerType: 'state' })))).toEqual([
      { path: 'name', message: 'must not be empty' },
      { path: 'kind', message: 'must be one of program, service, initiative, staff_role' },
      { path: 'providerType', message: 'must be one of school, district, community_agency' },
    ]);
    expect(problemsOf(ResourceInput.safeParse(input({ populationServed: -1, staffFte: 'one', annualCost: -5 })))).toEqual([
      { path: 'populationServed', message: 'must not be negative' },
      { path: 'staffFte', message: 'must be a number, e.g. 1.5' },
      { path: 'annualCost', message: 'must not be negative' },
    ]);
    expect(problemsOf(ResourceInput.safeParse(input({ populationServed: 2.5 })))).toEqual([{ path: 'populationServed', message: 'must be a whole number of students' }]);
    expect(problemsOf(ResourceInput.safeParse(input({ cells: [] })))).toEqual([{ path: 'cells', message: 'must place the resource in at least one cell of the framework' }]);
    expect(problemsOf(ResourceInput.safeParse(input({ cells: ['crisis'] })))[0]).toEqual({
      path: 'cells.0',
      message: 'must be a cell key arena:level, e.g. crisis-assistance:early-intervention',
    });
    expect(problemsOf(ResourceInput.safeParse(input({ cells: [CLASSROOM, CLASSROOM] })))).toEqual([{ path: 'cells', message: 'must not list a cell twice' }]);
    expect(problemsOf(ResourceInput.safeParse(input({ fundingEndsOn: '30/06/2027', responsibleMechanismId: 'steering' })))).toEqual([
      { path: 'fundingEndsOn', message: 'must be a date like 2026-09-01' },
      { path: 'responsibleMechanismId', message: 'must be an id (a UUID)' },
    ]);
    expect(problemsOf(ResourceInput.safeParse(input({ coordinated: 'yes' })))).toEqual([{ path: 'coordinated', message: 'must be true or false' }]);
  });

  it('refuse fields they do not know', () => {
    expect(ResourceInput.safeParse(input({ budgetCode: 'X1' } as never)).success).toBe(false);
  });

  it('check cells against a framework, including an adapted one', () => {
    expect(resourceInputFor(framework).safeParse(input({ cells: ['sports:prevention'] })).error?.issues[0]).toMatchObject({
      path: ['cells', 0],
      message: expect.stringMatching(/^"sports" is not an arena/),
    });
    const adapted = adaptInterventionFramework(framework, {
      id: 'dd:1',
      version: '1',
      publishedOn: '2026-11-01',
      basedOn: { id: framework.id, version: framework.version },
      changes: [{ op: 'add', axis: 'arena', key: 'sports', name: 'Sports', description: 'Teams and clubs.' }],
    });
    expect(resourceInputFor(adapted).safeParse(input({ cells: ['sports:prevention'] })).success).toBe(true);
  });

  it('check cells against the framework on create and on update', () => {
    expect(resourceCreateFor(framework).safeParse({ unitId: UNIT_ID, ...input({ cells: ['home-involvement:aftercare'] }) }).error?.issues[0]?.message).toMatch(/^"aftercare" is not a level/);
    expect(resourceUpdateFor(framework).safeParse({ version: 1, cells: ['sports:prevention'] }).success).toBe(false);
    expect(resourceUpdateFor(framework).safeParse({ version: 1, name: 'Renamed' }).success).toBe(true);
  });

  it('take the version on update and refuse taking the partner away from a community agency', () => {
    expect(ResourceUpdate.safeParse({ name: 'New name' }).error?.issues[0]?.path).toEqual(['version']);
    expect(ResourceUpdate.parse({ version: 3, annualCost: null, cells: [HOME] })).toEqual({ version: 3, annualCost: null, cells: [HOME] });
    expect(ResourceUpdate.safeParse({ version: 3, providerType: 'community_agency', partnerName: null }).error?.issues[0]).toMatchObject({
      path: ['partnerName'],
      message: 'must name the community agency that provides it',
    });
  });

  it('rank priority needs from 1', () => {
    expect(ResourcePriorityNeedCreate.parse({ unitId: UNIT_ID, rank: 1, title: 'Crisis follow-up', rationale: 'Nothing in treatment.' }).cells).toEqual([]);
    expect(ResourcePriorityNeedCreate.safeParse({ unitId: UNIT_ID, rank: 0, title: 'x', rationale: 'y' }).error?.issues[0]?.message).toBe(
      'must be 1 or more (1 is the highest priority)',
    );
  });

  it('type recommendations as the documents do, and link plan tasks only once accepted', () => {
    expect([...RESOURCE_RECOMMENDATION_TYPES]).toEqual(['unify', 'yearly_priority', 'redeploy_resources', 'policy_change', 'operational_infrastructure_change', 'program_change']);
    const draft = ResourceRecommendationCreate.parse({
      unitId: UNIT_ID,
      type: 'redeploy_resources',
      title: 'One attendance program',
      rationale: 'Three programs serve the same ninth graders.',
      findings: [{ key: 'redundancy:u:a,b', code: 'redundancy', explanation: 'At Lincoln …' }],
    });
    expect(draft).toMatchObject({ status: 'draft', planTaskIds: [], priorityNeedIds: [] });
    expect(
      ResourceRecommendationCreate.safeParse({ unitId: UNIT_ID, type: 'unify', title: 't', rationale: 'r', planTaskIds: [PERSON_ID] }).error?.issues[0],
    ).toMatchObject({ path: ['planTaskIds'], message: 'can link plan tasks only to an accepted recommendation' });
    expect(ResourceRecommendationUpdate.parse({ version: 2, status: 'accepted', planTaskIds: [PERSON_ID] }).planTaskIds).toEqual([PERSON_ID]);
    expect(ResourceRecommendationCreate.safeParse({ unitId: UNIT_ID, type: 'reorganize', title: 't', rationale: 'r' }).error?.issues[0]?.message).toMatch(
      /^must be one of unify, yearly_priority/,
    );
  });
});

// ---- Import --------------------------------------------------------------------------------------

const HEADER = ['Program name', 'TYPE', 'provider', 'Agency', 'Framework cells', 'Students served', 'FTE', 'Cost ($)', 'Grant end date', 'Coordinated?', 'Tags', 'Target group'];

describe('importing resources', () => {
  it('maps headers by name or alias, in any case and spacing, and warns of columns it ignores', () => {
    const mapped = mapResourceImportHeader([...HEADER, 'Notes', '']);
    expect(mapped.columns.map((c) => c.field)).toEqual([
      'name',
      'kind',
      'providerType',
      'partnerName',
      'cells',
      'populationServed',
      'staffFte',
      'annualCost',
      'fundingEndsOn',
      'coordinated',
      'purposeTags',
      'targetPopulation',
      null,
      null,
    ]);
    expect(mapped.problems).toEqual([]);
    expect(mapped.warnings).toEqual([{ row: 1, column: 'Notes', message: 'is not a column Trellis knows; its values are ignored' }]);
    expect(mapResourceImportHeader(['name', 'kind', 'provider_type', 'cells', 'staffFte', 'Staff-FTE']).problems).toEqual([
      { row: 1, column: 'Staff-FTE', message: 'names the same thing as the column "staffFte" (Staff FTE): keep one of them' },
    ]);
  });

  it('gives every header and alias to one column only', () => {
    const owners = new Map<string, string[]>();
    for (const c of RESOURCE_IMPORT_COLUMNS) {
      for (const h of [c.header, c.field, ...c.aliases]) {
        const field = mapResourceImportHeader([h]).columns[0]?.field;
        expect(field, h).toBe(c.field);
        owners.set(h.toLowerCase(), [...(owners.get(h.toLowerCase()) ?? []), c.field]);
      }
    }
    for (const [h, fields] of owners) expect(new Set(fields).size, h).toBe(1);
  });

  it('refuses a file without the columns it needs, naming them', () => {
    const result = validateResourceImport(['Name', 'Cost'], [['Tutoring', '100']], { framework });
    expect(result.ok).toBe(false);
    expect(result.resources).toEqual([]);
    expect(result.problems.map((p) => `${p.row} ${p.column}`)).toEqual(['1 Kind', '1 Provider type', '1 Cells']);
    expect(result.problems[2]?.message).toMatch(/^is missing: the file needs a "Cells" column/);
  });

  it('reads good rows in the formats spreadsheets write', () => {
    const result = validateResourceImport(
      HEADER,
      [
        ['Check & Connect', 'Program', 'Community agency', 'Boys & Girls Club', 'Special assistance / Early intervention; transitions:prevention', '1,200', '1.5', '$12,500.50', '6/30/2027', 'Yes', 'attendance; Peer Mentoring', 'Grade 9'],
        ['School counselor', 'staff role', 'School', '', 'crisis-assistance:treatment', '', '', '', '', '', '', ''],
      ],
      { framework },
    );
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.resources.map((r) => r.row)).toEqual([2, 3]);
    expect(result.resources[0]?.resource).toEqual({
      name: 'Check & Connect',
      kind: 'program',
      providerType: 'community_agency',
      partnerName: 'Boys & Girls Club',
      cells: [SPECIAL_EARLY, TRANSITIONS],
      populationServed: 1200,
      staffFte: 1.5,
      annualCost: 12500.5,
      fundingEndsOn: '2027-06-30',
      coordinated: true,
      purposeTags: ['attendance', 'peer-mentoring'],
      targetPopulation: 'Grade 9',
    });
    expect(result.resources[1]?.resource).toMatchObject({ kind: 'staff_role', providerType: 'school', partnerName: null, populationServed: null, coordinated: false, fundingEndsOn: null });
    expect(result.resources[0]?.naturalKey).toBe('check and connect|community_agency|boys and girls club');
  });

  it('names each bad row by its row number in the file and its column, and writes nothing', () => {
    const rows = [
      ['Tutoring', 'program', 'school', '', CLASSROOM, '30', '', '', '', 'no', '', ''],
      ['Food pantry', 'service', 'community agency', '', HOME, 'many', '', '', '', 'no', '', ''],
      ['', '', '', '', '', '', '', '', '', '', '', ''],
      ['Grief group', 'program', 'school', '', 'crisis / aftercare', '', '', '', '2027-02-30', 'maybe', '', ''],
    ];
    const result = validateResourceImport(HEADER, rows, { framework });
    expect(result.ok).toBe(false);
    expect(result.blankRows).toEqual([4]);
    expect(result.problems).toEqual([
      { row: 3, column: 'Students served', message: '"many" is not a number (write a whole number, e.g. 120)' },
      { row: 3, column: 'Agency', message: 'must name the community agency that provides it' },
      { row: 5, column: 'Grant end date', message: '"2027-02-30" is not a day of the calendar' },
      { row: 5, column: 'Coordinated?', message: '"maybe" is not yes or no' },
      { row: 5, column: 'Framework cells', message: '"crisis / aftercare" must be a cell key arena:level, e.g. crisis-assistance:early-intervention' },
    ]);
    // The good row is previewed, but `ok` is false: the import is all or nothing.
    expect(result.resources.map((r) => r.row)).toEqual([2]);
  });

  it('names a cell the framework does not have', () => {
    const result = validateResourceImport(['Name', 'Kind', 'Provider type', 'Cells'], [['Teams', 'program', 'school', 'sports:prevention']], { framework });
    expect(result.problems).toEqual([{ row: 2, column: 'Cells', message: expect.stringMatching(/^"sports" is not an arena of .*: use one of classroom-supports/) }]);
  });

  it('finds a resource listed twice in one file, however its name is written', () => {
    const header = ['Name', 'Kind', 'Provider type', 'Partner name', 'Cells'];
    const result = validateResourceImport(
      header,
      [
        ['Check & Connect', 'program', 'community agency', 'YMCA', SPECIAL_EARLY],
        ['Check & Connect', 'program', 'school', '', SPECIAL_EARLY],
        ['check and connect ', 'program', 'Community Agency', 'ymca', TRANSITIONS],
      ],
      { framework },
    );
    expect(result.problems).toEqual([
      { row: 4, column: 'Name', message: "repeats row 2 (same name, provider and partner): list all of a resource's cells in one row" },
    ]);
  });

  it('gives the same natural keys to the same file imported twice, so the upsert does not duplicate', () => {
    const rows = [
      ['Tutoring', 'program', 'school', '', CLASSROOM],
      ['Tutoring', 'program', 'district', '', CLASSROOM],
    ];
    const header = ['Name', 'Kind', 'Provider type', 'Partner name', 'Cells'];
    const first = validateResourceImport(header, rows, { framework }).resources.map((r) => r.naturalKey);
    const second = validateResourceImport(header, rows, { framework }).resources.map((r) => r.naturalKey);
    expect(first).toEqual(second);
    expect(new Set(first).size).toBe(2);
    // Moving a resource to another cell keeps its key: re-importing updates it.
    expect(resourceNaturalKey({ name: 'Tutoring ', providerType: 'school' })).toBe(resourceNaturalKey({ name: 'TUTORING', providerType: 'school', partnerName: null }));
  });

  it('refuses a file with too many rows', () => {
    const rows = Array.from({ length: 3 }, () => ['Tutoring', 'program', 'school', CLASSROOM]);
    const result = validateResourceImport(['Name', 'Kind', 'Provider type', 'Cells'], rows, { framework, maxRows: 2 });
    expect(result.ok).toBe(false);
    expect(result.problems[0]?.message).toMatch(/import at most 2 at a time/);
  });

  it('exports the import layout, and an export imports back to the same resources', () => {
    expect(RESOURCE_EXPORT_HEADER).toEqual(RESOURCE_IMPORT_COLUMNS.map((c) => c.header));
    expect(RESOURCE_EXPORT_HEADER.slice(0, 6)).toEqual(['Name', 'Description', 'Kind', 'Provider type', 'Partner name', 'Cells']);
    const originals = [
      ResourceInput.parse(
        input({
          name: '=HYPERLINK("x")',
          description: 'Daily check-ins; weekly family calls, and more',
          providerType: 'community_agency',
          partnerName: 'Boys & Girls Club',
          cells: [SPECIAL_EARLY, TRANSITIONS],
          populationServed: 40,
          capacity: 60,
          staffFte: 1.25,
          annualCost: 42_000.5,
          fundingSource: 'Title IV-A',
          fundingEndsOn: '2027-06-30',
          responsibleMechanismId: UNIT_ID,
          responsiblePersonId: PERSON_ID,
          coordinated: false,
          purposeTags: ['attendance', 'peer-mentoring'],
          targetPopulation: '-grade 9',
        }),
      ),
      ResourceInput.parse(input({ name: 'Counselor', kind: 'staff_role', cells: [CRISIS_TREATMENT] })),
    ];
    const rows = originals.map(resourceExportRow);
    expect(rows[0]?.[0]).toBe(`'=HYPERLINK("x")`); // a spreadsheet shows it as text, not a formula
    const back = validateResourceImport(RESOURCE_EXPORT_HEADER, rows, { framework });
    expect(back.problems).toEqual([]);
    expect(back.resources.map((r) => r.resource)).toEqual(
      originals.map((o) => ({
        description: null,
        partnerName: null,
        populationServed: null,
        capacity: null,
        staffFte: null,
        annualCost: null,
        fundingSource: null,
        fundingEndsOn: null,
        responsibleMechanismId: null,
        responsiblePersonId: null,
        purposeTags: [],
        targetPopulation: null,
        ...o,
      })),
    );
  });
});

// ---- The matrix ----------------------------------------------------------------------------------

describe('the resource map', () => {
  const lincoln = unit('lincoln', 400);
  const r1 = resource('lincoln', { name: 'Peer mentoring', cells: [CLASSROOM, TRANSITIONS], annualCost: 10_000, staffFte: 1, populationServed: 100 });
  const r2 = resource('lincoln', { name: 'Reading help', cells: [CLASSROOM], annualCost: 3_000, staffFte: 0.5, populationServed: 20 });
  const r3 = resource('lincoln', { name: 'Crisis team', cells: [CRISIS_TREATMENT], annualCost: null, staffFte: null, populationServed: null });

  it('counts a resource in each of its cells but splits its cost and FTE across them', () => {
    const map = aggregateResourceMap(framework, [lincoln], [r1, r2, r3]);
    expect(cellOf(map, CLASSROOM)).toEqual({
      cell: CLASSROOM,
      count: 2,
      sharedCount: 1,
      staffFte: 1, // 1 ÷ 2 + 0.5
      annualCost: 8_000, // 10,000 ÷ 2 + 3,000
      fullAnnualCost: 13_000,
      populationServed: 120,
      populationUnknown: 0,
      coverage: 0.3, // 120 ÷ 400
    });
    expect(cellOf(map, TRANSITIONS)).toMatchObject({ count: 1, sharedCount: 1, staffFte: 0.5, annualCost: 5_000, fullAnnualCost: 10_000, populationServed: 100, coverage: 0.25 });
    expect(cellOf(map, CRISIS_TREATMENT)).toMatchObject({ count: 1, annualCost: 0, populationServed: 0, populationUnknown: 1, coverage: null });
    expect(map.totals).toEqual({ resources: 3, staffFte: 1.5, annualCost: 13_000 });
    expect(map.cells.reduce((s, c) => s + c.annualCost, 0)).toBe(13_000);
    expect(map.framework).toEqual({ id: framework.id, version: framework.version });
  });

  it('sums over several units, and leaves out resources of other units', () => {
    const washington = unit('washington', 600);
    const w1 = resource('washington', { cells: [CLASSROOM], annualCost: 2_000, populationServed: 30 });
    const elsewhere = resource('elsewhere', { cells: [CLASSROOM], annualCost: 99_999 });
    const map = aggregateResourceMap(framework, [lincoln, washington], [r1, r2, r3, w1, elsewhere]);
    expect(map.unitCount).toBe(2);
    expect(map.population).toBe(1_000);
    expect(cellOf(map, CLASSROOM)).toMatchObject({ count: 3, annualCost: 10_000, populationServed: 150, coverage: 0.15 });
    expect(map.totals).toEqual({ resources: 4, staffFte: 1.5, annualCost: 15_000 });
  });

  it('has no coverage for a unit of zero or unknown population', () => {
    const empty = aggregateResourceMap(framework, [unit('new', 0)], [resource('new', { cells: [CLASSROOM], populationServed: 10 })]);
    expect(empty.population).toBe(0);
    expect(cellOf(empty, CLASSROOM).coverage).toBeNull();
    const unknown = aggregateResourceMap(framework, [unit('a', null), unit('b', 200)], [resource('a', { cells: [CLASSROOM], populationServed: 10 })]);
    expect(unknown).toMatchObject({ population: 200, populationUnknownUnits: 1 });
    expect(cellOf(unknown, CLASSROOM).coverage).toBe(0.05);
  });

  it('is all zeros for a unit with no resources', () => {
    const map = aggregateResourceMap(framework, [unit('quiet', 300)], []);
    expect(map.totals).toEqual({ resources: 0, staffFte: 0, annualCost: 0 });
    expect(map.cells.every((c) => c.count === 0 && c.coverage === null)).toBe(true);
  });

  it('keeps resources placed outside the framework out of the cells but in the totals', () => {
    const map = aggregateResourceMap(framework, [lincoln], [resource('lincoln', { cells: ['sports:prevention', CLASSROOM], annualCost: 500 })]);
    expect(map.outsideFramework).toHaveLength(1);
    expect(cellOf(map, CLASSROOM).annualCost).toBe(500);
    expect(map.totals.annualCost).toBe(500);
  });

  it('never counts cost twice, whatever the placements', () => {
    const cells = interventionCells(framework).map((c) => c.key);
    fc.assert(
      fc.property(
        fc.array(fc.record({ cells: fc.uniqueArray(fc.constantFrom(...cells), { minLength: 1, maxLength: 5 }), cost: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 40 }),
        (list) => {
          const map = aggregateResourceMap(framework, [lincoln], list.map((r) => resource('lincoln', { cells: r.cells, annualCost: r.cost })));
          const total = list.reduce((s, r) => s + r.cost, 0);
          expect(map.totals.annualCost).toBe(total);
          expect(Math.abs(map.cells.reduce((s, c) => s + c.annualCost, 0) - total)).toBeLessThan(0.05);
          expect(map.cells.reduce((s, c) => s + c.count, 0)).toBe(list.reduce((s, r) => s + r.cells.length, 0));
        },
      ),
    );
  });
});

// ---- Findings ------------------------------------------------------------------------------------

const AS_OF = '2026-11-23';

describe('gaps', () => {
  it('finds empty cells and cells below the coverage threshold, explained', () => {
    const resources = [
      resource('lincoln', { cells: [CLASSROOM, TRANSITIONS], populationServed: 100 }),
      resource('lincoln', { name: 'Family night', cells: [HOME], populationServed: 10 }), // 10 ÷ 400 = 2.5 %
      resource('lincoln', { cells: [CRISIS_TREATMENT], populationServed: null }), // unknown: no coverage finding
    ];
    const { findings } = analyzeResources({ framework, units: [unit('lincoln', 400, { name: 'Lincoln Elementary' })], resources, asOf: AS_OF });
    const empty = ofCode(findings, 'gap_empty');
    expect(empty).toHaveLength(18 - 4);
    expect(empty.map((f) => f.cells[0])).not.toContain(CLASSROOM);
    expect(empty[0]?.explanation).toMatch(/^Nothing at Lincoln Elementary is placed in Classroom-based learning supports — Early intervention\./);
    const low = ofCode(findings, 'gap_low_coverage');
    expect(low).toHaveLength(1);
    expect(low[0]).toMatchObject({ key: `gap_low_coverage:lincoln:${HOME}`, cells: [HOME], figures: { resourceCount: 1, populationServed: 10, population: 400, coverage: 0.025, threshold: 0.05 } });
    expect(low[0]?.explanation).toMatch(/serve 10 of 400 students \(2\.5%\), below the 5% threshold/);
  });

  it('finds the gaps of a whole district when asked for its scope', () => {
    const units = [unit('a', 300), unit('b', 700)];
    const resources = [
      resource('a', { cells: [CLASSROOM], populationServed: 200 }), // 200 ÷ 1,000 = 20 %
      resource('b', { cells: [HOME], populationServed: 30 }), // 30 ÷ 1,000 = 3 %
    ];
    const analysis = analyzeResources({ framework, units, resources, asOf: AS_OF, scope: { id: 'd1', name: 'Roosevelt District' } });
    const scoped = analysis.findings.filter((f) => f.level === 'scope');
    expect(ofCode(scoped, 'gap_empty')).toHaveLength(16);
    expect(ofCode(scoped, 'gap_low_coverage').map((f) => [f.key, f.figures.coverage])).toEqual([[`gap_low_coverage:scope:d1:${HOME}`, 0.03]]);
    expect(scoped.every((f) => f.unitIds.length === 0)).toBe(true);
    expect(ofCode(scoped, 'gap_empty')[0]?.explanation).toMatch(/^Nothing at Roosevelt District is placed in/);
    // Without a scope, only the schools' own findings.
    expect(analyzeResources({ framework, units, resources, asOf: AS_OF }).findings.some((f) => f.level === 'scope')).toBe(false);
  });

  it('takes the threshold as a setting', () => {
    const resources = [resource('lincoln', { cells: [CLASSROOM], populationServed: 100 })]; // 25 %
    const at = (minCoverage: number) => ofCode(analyzeResources({ framework, units: [unit('lincoln', 400)], resources, asOf: AS_OF, options: { minCoverage } }).findings, 'gap_low_coverage');
    expect(at(0.25)).toHaveLength(0);
    expect(at(0.3)).toHaveLength(1);
  });

  it('reports only empty cells for a unit of zero population', () => {
    const { findings } = analyzeResources({ framework, units: [unit('new', 0)], resources: [resource('new', { cells: [CLASSROOM], populationServed: 0 })], asOf: AS_OF });
    expect(ofCode(findings, 'gap_low_coverage')).toEqual([]);
    expect(ofCode(findings, 'gap_empty')).toHaveLength(17);
  });

  it('says once that nothing is mapped for a unit with no resources, instead of 18 gaps', () => {
    const analysis = analyzeResources({ framework, units: [unit('quiet', 300, { name: 'Quiet Middle' })], resources: [], asOf: AS_OF });
    expect(analysis.findings).toHaveLength(1);
    expect(analysis.findings[0]).toMatchObject({ code: 'no_resources_mapped', key: 'no_resources_mapped:quiet', figures: { population: 300 } });
    expect(analysis.findings[0]?.explanation).toMatch(/No program, service, initiative or staff role is mapped for Quiet Middle yet/);
    expect(analysis.map.totals.resources).toBe(0);
  });
});

describe('redundancies', () => {
  const target = 'Grade 9 students with chronic absence';
  const build = () => {
    const a = resource('lincoln', { name: 'Check & Connect', cells: [SPECIAL_EARLY], purposeTags: ['attendance'], targetPopulation: target, annualCost: 20_000, staffFte: 1, coordinated: true });
    const b = resource('lincoln', { name: 'Attendance Mentors', cells: [SPECIAL_EARLY], purposeTags: ['attendance', 'mentoring'], targetPopulation: 'grade 9 students — with chronic absence!', annualCost: 15_000, coordinated: true });
    const c = resource('lincoln', { name: 'Check and Connect Program', cells: [SPECIAL_EARLY], targetPopulation: target, annualCost: 5_000, coordinated: false });
    const d = resource('lincoln', { name: 'Senior attendance', cells: [SPECIAL_EARLY], purposeTags: ['attendance'], targetPopulation: 'Grade 12', annualCost: 7_000, coordinated: false });
    const e = resource('lincoln', { name: 'Peer tutoring', cells: [SPECIAL_EARLY], purposeTags: ['tutoring'], annualCost: 1_000, coordinated: false });
    const f = resource('lincoln', { name: 'Peer Tutoring Programs', cells: [SPECIAL_EARLY], annualCost: 2_000, coordinated: false });
    return { a, b, c, d, e, f };
  };

  it('groups resources of a cell with a shared purpose or a similar name and the same students, with the cost involved', () => {
    const { a, b, c, d, e, f } = build();
    const { findings } = analyzeResources({ framework, units: [unit('lincoln', 800, { name: 'Lincoln High' })], resources: [a, b, c, d, e, f], asOf: AS_OF });
    const found = ofCode(findings, 'redundancy');
    expect(found).toHaveLength(2);
    const likely = found.find((x) => x.figures.confidence === 'likely')!;
    expect([...likely.resourceIds].sort()).toEqual([a.id, b.id, c.id].sort());
    expect(likely.cells).toEqual([SPECIAL_EARLY]);
    expect(likely.figures).toEqual({ resourceCount: 3, totalAnnualCost: 40_000, staffFte: 1, populationServed: 0, confidence: 'likely', sharedPurposes: ['attendance'], similarNames: true });
    expect(likely.explanation).toMatch(/^At Lincoln High, 3 resources in Student and family special assistance — Early intervention have the same purpose \(attendance\) and similar names/);
    expect(likely.explanation).toMatch(/Together they cost \$40,000 a year and 1 staff FTE\. Consider unifying them/);
    const possible = found.find((x) => x.figures.confidence === 'possible')!;
    expect([...possible.resourceIds].sort()).toEqual([e.id, f.id].sort());
    expect(possible.figures).toMatchObject({ totalAnnualCost: 3_000, sharedPurposes: [], similarNames: true });
    expect(possible.explanation).toMatch(/no target population is given/);
  });

  it('does not call resources for other students, or in other cells, redundant', () => {
    const one = resource('lincoln', { name: 'Attendance A', cells: [CLASSROOM], purposeTags: ['attendance'], targetPopulation: 'Grade 9' });
    const other = resource('lincoln', { name: 'Attendance B', cells: [TRANSITIONS], purposeTags: ['attendance'], targetPopulation: 'Grade 9' });
    const older = resource('lincoln', { name: 'Attendance C', cells: [CLASSROOM], purposeTags: ['attendance'], targetPopulation: 'Grade 12' });
    expect(ofCode(analyzeResources({ framework, units: [unit('lincoln', 500)], resources: [one, other, older], asOf: AS_OF }).findings, 'redundancy')).toEqual([]);
  });

  it('reports an overlap in several cells once, with all its cells', () => {
    const x = resource('lincoln', { name: 'Welcome club', cells: [TRANSITIONS, HOME], purposeTags: ['newcomers'], annualCost: 4_000 });
    const y = resource('lincoln', { name: 'Buddy program', cells: [TRANSITIONS, HOME], purposeTags: ['newcomers'], annualCost: 6_000 });
    const found = ofCode(analyzeResources({ framework, units: [unit('lincoln', 500)], resources: [x, y], asOf: AS_OF }).findings, 'redundancy');
    expect(found).toHaveLength(1);
    expect(found[0]?.cells).toEqual([TRANSITIONS, HOME]);
    // The full cost of each resource, once, not once per cell.
    expect(found[0]?.figures.totalAnnualCost).toBe(10_000);
  });

  it('compares names by their significant words', () => {
    expect(resourceNameSignature('Check & Connect Program')).toBe('check connect');
    expect(resourceNameSignature('The Peer-Tutoring Services')).toBe('peer tutoring');
    expect(resourceNameSignature('Program')).toBe('');
  });
});

describe('fragmentation', () => {
  it('finds the resources of a cell not coordinated with the rest', () => {
    const a = resource('lincoln', { name: 'Counseling', cells: [CRISIS_TREATMENT], coordinated: true, annualCost: 50_000 });
    const b = resource('lincoln', { name: 'Grief group', cells: [CRISIS_TREATMENT], coordinated: false, annualCost: 3_000 });
    const c = resource('lincoln', { name: 'County clinic referral', cells: [CRISIS_TREATMENT], coordinated: false, annualCost: 2_000 });
    const lone = resource('lincoln', { name: 'Tutoring', cells: [CLASSROOM], coordinated: false });
    const { findings } = analyzeResources({ framework, units: [unit('lincoln', 500, { name: 'Lincoln' })], resources: [a, b, c, lone], asOf: AS_OF });
    const found = ofCode(findings, 'fragmentation');
    expect(found).toHaveLength(1); // a resource alone in its cell has nothing to coordinate with
    expect(found[0]).toMatchObject({ key: `fragmentation:lincoln:${CRISIS_TREATMENT}`, resourceIds: [b.id, c.id], figures: { resourceCount: 3, uncoordinatedCount: 2, uncoordinatedAnnualCost: 5_000 } });
    expect(found[0]?.explanation).toMatch(/3 resources work in Crisis assistance and prevention — Treatment of severe and chronic problems and 2 are not coordinated with the others \(Grief group, County clinic referral\)/);
  });

  it('finds none where everything is coordinated', () => {
    const list = [resource('lincoln', { cells: [CLASSROOM] }), resource('lincoln', { cells: [CLASSROOM] })];
    expect(ofCode(analyzeResources({ framework, units: [unit('lincoln', 500)], resources: list, asOf: AS_OF }).findings, 'fragmentation')).toEqual([]);
  });
});

describe('expiring funding', () => {
  const units = [unit('lincoln', 500, { name: 'Lincoln' })];
  const ending = (endsOn: string | null, extra: Partial<MappedResource> = {}) => resource('lincoln', { name: `Grant ${endsOn}`, fundingEndsOn: endsOn, annualCost: 40_000, fundingSource: 'Title IV-A', ...extra });

  it('finds funding ending within 12 months of the given day, the ends included, soonest first', () => {
    const list = [ending('2027-11-24'), ending('2027-06-30'), ending('2027-11-23'), ending(AS_OF), ending(null), ending('2026-11-01')];
    const found = findExpiringResourceFunding(list, units, framework, AS_OF);
    expect(found.map((f) => [f.code, (f.figures as { endsOn: string }).endsOn])).toEqual([
      ['funding_ended', '2026-11-01'],
      ['funding_expiring', AS_OF],
      ['funding_expiring', '2027-06-30'],
      ['funding_expiring', '2027-11-23'],
    ]);
    const june = ofCode(found, 'funding_expiring')[1]!;
    expect(june.figures).toEqual({ endsOn: '2027-06-30', daysLeft: 219, annualCost: 40_000, fundingSource: 'Title IV-A' });
    expect(june.explanation).toMatch(/^Funding for Grant 2027-06-30 at Lincoln \(Title IV-A\) ends on 2027-06-30, in 219 days\. It costs \$40,000 a year/);
    expect(ofCode(found, 'funding_expiring')[2]?.figures.daysLeft).toBe(365);
    expect(ofCode(found, 'funding_ended')[0]?.figures.daysAgo).toBe(22);
  });

  it('is part of the analysis, with a settable window, and never reads the clock', () => {
    const list = [ending('2027-03-01')];
    expect(analyzeResources({ framework, units, resources: list, asOf: AS_OF }).counts.funding_expiring).toBe(1);
    expect(analyzeResources({ framework, units, resources: list, asOf: AS_OF, options: { expiringWithinMonths: 3 } }).counts.funding_expiring).toBe(0);
    expect(analyzeResources({ framework, units, resources: list, asOf: '2020-01-01' }).counts.funding_expiring).toBe(0);
  });

  it('adds calendar months, clamped to the end of the month', () => {
    expect(addMonthsToIsoDate('2026-11-23', 12)).toBe('2027-11-23');
    expect(addMonthsToIsoDate('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsToIsoDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToIsoDate('2026-12-15', 3)).toBe('2027-03-15');
  });
});

describe('economies of scale across a feeder pattern', () => {
  const feeder = { feederPatternId: 'f1', feederPatternName: 'Roosevelt', districtId: 'd1' };
  const units = [
    unit('s1', 400, { name: 'Adams Elementary', ...feeder }),
    unit('s2', 500, { name: 'Baker Middle', ...feeder }),
    unit('s3', 900, { name: 'Roosevelt High', ...feeder }),
    unit('s4', 300, { name: 'Other Elementary', feederPatternId: 'f2', feederPatternName: 'Lincoln', districtId: 'd1' }),
  ];
  const m1 = resource('s1', { name: 'Attendance Mentors', cells: [SPECIAL_EARLY], purposeTags: ['attendance'], annualCost: 10_000, staffFte: 0.5 });
  const m2 = resource('s2', { name: 'Attend Club', cells: [SPECIAL_EARLY], purposeTags: ['attendance'], annualCost: 12_000, staffFte: 0.5 });
  const m3 = resource('s3', { name: 'Reading buddies', cells: [SPECIAL_EARLY], purposeTags: ['literacy'], annualCost: 8_000 });
  const m4 = resource('s4', { name: 'Attendance Mentors', cells: [SPECIAL_EARLY], purposeTags: ['attendance'], annualCost: 9_000 });
  const n1 = resource('s1', { name: 'Family Night', cells: [HOME], annualCost: 1_000 });
  const n3 = resource('s3', { name: 'Family nights', cells: [HOME], annualCost: 1_500 });

  it('finds the same need met separately at several schools of one feeder pattern, with the summed cost', () => {
    const { findings } = analyzeResources({ framework, units, resources: [m1, m2, m3, m4, n1, n3], asOf: AS_OF });
    const found = ofCode(findings, 'economies_of_scale');
    expect(found).toHaveLength(2);
    const attendance = found.find((f) => f.figures.purpose === 'attendance')!;
    expect(attendance).toMatchObject({
      level: 'feeder_pattern',
      feederPatternId: 'f1',
      unitIds: ['s1', 's2'],
      cells: [SPECIAL_EARLY],
      resourceIds: [m1.id, m2.id],
      figures: { unitCount: 2, resourceCount: 2, totalAnnualCost: 22_000, staffFte: 1 },
    });
    expect(attendance.explanation).toMatch(/^In the Roosevelt feeder pattern, 2 schools each meet the same need \(attendance, in Student and family special assistance — Early intervention\) on their own: Attendance Mentors at Adams Elementary, Attend Club at Baker Middle\. Together that is \$22,000 a year\./);
    // Untagged resources are compared by name.
    expect(found.find((f) => f.figures.purpose === 'family night')).toMatchObject({ unitIds: ['s1', 's3'], figures: { totalAnnualCost: 2_500 } });
  });

  it('analyzes one feeder pattern or one district out of the state', () => {
    const resources = [m1, m2, m3, m4, n1, n3];
    const f2 = analyzeResources({ framework, units: resourceUnitsIn(units, { feederPatternId: 'f2' }), resources, asOf: AS_OF });
    expect(f2.map.unitCount).toBe(1);
    expect(f2.map.totals.resources).toBe(1);
    expect(f2.resourcesOutsideUnits).toBe(5);
    expect(f2.counts.economies_of_scale).toBe(0);
    const d1 = analyzeResources({ framework, units: resourceUnitsIn(units, { districtId: 'd1' }), resources, asOf: AS_OF });
    expect(d1.map).toMatchObject({ unitCount: 4, population: 2_100, totals: { resources: 6, annualCost: 41_500 } });
    expect(d1.unitMaps.map((m) => m.unitId)).toEqual(['s1', 's2', 's3', 's4']);
  });
});

describe('the whole analysis', () => {
  it('gives the same finding keys for the same data', () => {
    const units = [unit('lincoln', 400)];
    const list = [resource('lincoln', { name: 'A', purposeTags: ['x'], coordinated: false }), resource('lincoln', { name: 'B', purposeTags: ['x'] })];
    const keys = () => analyzeResources({ framework, units, resources: list, asOf: AS_OF }).findings.map((f) => f.key);
    expect(keys()).toEqual(keys());
    expect(new Set(keys()).size).toBe(keys().length);
  });

  it('serializes findings with their explanation, and copies them as plain data through JSON', () => {
    const analysis = analyzeResources({ framework, units: [unit('quiet', 300, { name: 'Quiet Middle' })], resources: [], asOf: AS_OF });
    const [only] = analysis.findings;
    const plain = JSON.parse(JSON.stringify(only));
    expect(plain).toEqual({
      key: 'no_resources_mapped:quiet',
      code: 'no_resources_mapped',
      level: 'unit',
      unitIds: ['quiet'],
      cells: [],
      resourceIds: [],
      figures: { population: 300 },
      explanation: only?.explanation,
    });
    expect(plain.explanation).toMatch(/Quiet Middle/);
  });

  it('sends findings through the API schema with their explanation', () => {
    const analysis = analyzeResources({ framework, units: [unit('lincoln', 400, { name: 'Lincoln' })], resources: [resource('lincoln', { cells: [CLASSROOM] })], asOf: AS_OF });
    const sent = analysis.findings.map((f) => ResourceFindingSchema.parse(f));
    expect(sent).toHaveLength(17);
    expect(sent[0]?.explanation).toMatch(/^Nothing at Lincoln is placed in/);
  });

  it('keys an economies-of-scale finding by its feeder pattern and needs', () => {
    const units = [unit('a', 100, { feederPatternId: 'f', feederPatternName: 'F' }), unit('b', 100, { feederPatternId: 'f', feederPatternName: 'F' })];
    const list = [resource('a', { name: 'X', cells: [HOME, CLASSROOM], purposeTags: ['reading'] }), resource('b', { name: 'Y', cells: [HOME, CLASSROOM], purposeTags: ['reading'] })];
    const found = ofCode(analyzeResources({ framework, units, resources: list, asOf: AS_OF }).findings, 'economies_of_scale');
    expect(found.map((f) => f.key)).toEqual([`economies_of_scale:f:${CLASSROOM}/reading+${HOME}/reading`]);
    expect(found[0]?.cells).toEqual([CLASSROOM, HOME]);
  });

  it('counts findings by code', () => {
    const analysis = analyzeResources({ framework, units: [unit('a', 100), unit('b', 100)], resources: [resource('a', { cells: [CLASSROOM] })], asOf: AS_OF });
    expect(analysis.counts).toMatchObject({ no_resources_mapped: 1, gap_empty: 17, redundancy: 0 });
    expect(analysis.findings.length).toBe(Object.values(analysis.counts).reduce((s, n) => s + n, 0));
  });
});

// ---- Snapshots -----------------------------------------------------------------------------------

describe('comparing snapshots', () => {
  it('lists what was added, dropped, moved between cells, and the cost change, overall and per cell', () => {
    const before = [
      { id: 'a', name: 'Tutoring', cells: [CLASSROOM], annualCost: 100 },
      { id: 'b', name: 'Mentoring', cells: [CLASSROOM, TRANSITIONS], annualCost: 200 },
      { id: 'c', name: 'Grief group', cells: [CRISIS_TREATMENT], annualCost: 50 },
    ];
    const after = [
      { id: 'a', name: 'Tutoring', cells: [CLASSROOM], annualCost: 150 },
      { id: 'b', name: 'Mentoring', cells: [CLASSROOM], annualCost: 200 },
      { id: 'd', name: 'Crisis team', cells: [CRISIS_TREATMENT], annualCost: 30 },
    ];
    const diff = compareResourceSnapshots(before, after);
    expect(diff.added).toEqual([{ id: 'd', name: 'Crisis team', cells: [CRISIS_TREATMENT], annualCost: 30 }]);
    expect(diff.dropped).toEqual([{ id: 'c', name: 'Grief group', cells: [CRISIS_TREATMENT], annualCost: 50 }]);
    expect(diff.moved).toEqual([{ id: 'b', name: 'Mentoring', fromCells: [CLASSROOM, TRANSITIONS], toCells: [CLASSROOM], addedCells: [], removedCells: [TRANSITIONS] }]);
    expect(diff.costChanged).toEqual([{ id: 'a', name: 'Tutoring', before: 100, after: 150, change: 50 }]);
    expect(diff.totals).toEqual({ resourcesBefore: 3, resourcesAfter: 3, annualCostBefore: 350, annualCostAfter: 380, annualCostChange: 30 });
    expect(diff.byCell).toEqual([
      { cell: CLASSROOM, before: 200, after: 350, change: 150 }, // 100 + 200 ÷ 2 → 150 + 200
      { cell: CRISIS_TREATMENT, before: 50, after: 30, change: -20 },
      { cell: TRANSITIONS, before: 100, after: 0, change: -100 },
    ]);
  });

  it('finds nothing between a snapshot and itself, and everything added from an empty one', () => {
    const snap = [{ id: 'a', name: 'Tutoring', cells: [CLASSROOM], annualCost: 100 }];
    expect(compareResourceSnapshots(snap, snap)).toMatchObject({ added: [], dropped: [], moved: [], costChanged: [], byCell: [] });
    expect(compareResourceSnapshots([], snap)).toMatchObject({ added: [{ id: 'a' }], totals: { annualCostChange: 100 } });
  });
});
