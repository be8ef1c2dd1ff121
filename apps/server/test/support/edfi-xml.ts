// Turns the education organizations of an Ed-Fi XML interchange (the shape of shared/data/edfi/
// samples/EducationOrganization.xml, Ed-Fi Data Standard 5.2) into the JSON resources the Ed-Fi API
// returns for them (GET /ed-fi/educationServiceCenters, localEducationAgencies, schools…): camelCase
// properties, descriptors as URIs, collections as arrays of objects, references by their ids.
// Used to make fixtures/imports/edfi-grand-bend.json and to check it still matches the sample.

const TYPES = ['StateEducationAgency', 'EducationServiceCenter', 'LocalEducationAgency', 'School', 'CommunityOrganization', 'CommunityProvider'] as const;

const one = (body: string, tag: string) => body.match(new RegExp(`<${tag}>([^<]*)</${tag}>`))?.[1]?.trim() ?? null;
const all = (body: string, tag: string) => [...body.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!.trim());
const blocks = (body: string, tag: string) => [...body.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function edfiXmlToApiJson(xml: string): Record<string, unknown>[] {
  const elements: { type: string; xmlId: string; body: string }[] = [];
  for (const m of xml.matchAll(new RegExp(`^\\t<(${TYPES.join('|')}) id="([^"]+)">([\\s\\S]*?)^\\t</\\1>`, 'gm'))) elements.push({ type: m[1]!, xmlId: m[2]!, body: unescape(m[3]!) });
  const idOf = new Map<string, string>();
  const idTag: Record<string, string> = { StateEducationAgency: 'StateEducationAgencyId', EducationServiceCenter: 'EducationServiceCenterId', LocalEducationAgency: 'LocalEducationAgencyId', School: 'SchoolId', CommunityOrganization: 'CommunityOrganizationId', CommunityProvider: 'CommunityProviderId' };
  for (const e of elements) idOf.set(e.xmlId, one(e.body, idTag[e.type]!) ?? '');
  const ref = (body: string, tag: string) => body.match(new RegExp(`<${tag} ref="([^"]+)"`))?.[1];
  return elements.map((e) => {
    const b = e.body;
    const r: Record<string, unknown> = {};
    const id = Number(one(b, idTag[e.type]!));
    r[idTag[e.type]!.charAt(0).toLowerCase() + idTag[e.type]!.slice(1)] = id;
    r.nameOfInstitution = one(b, 'NameOfInstitution');
    const short = one(b, 'ShortNameOfInstitution');
    if (short) r.shortNameOfInstitution = short;
    r.identificationCodes = blocks(b, 'EducationOrganizationIdentificationCode').map((c) => ({ educationOrganizationIdentificationSystemDescriptor: one(c, 'EducationOrganizationIdentificationSystem'), identificationCode: one(c, 'IdentificationCode') }));
    r.categories = all(b, 'EducationOrganizationCategory').map((c) => ({ educationOrganizationCategoryDescriptor: c }));
    r.addresses = blocks(b, 'Address').map((a) => ({
      addressTypeDescriptor: one(a, 'AddressType'),
      streetNumberName: one(a, 'StreetNumberName'),
      city: one(a, 'City'),
      stateAbbreviationDescriptor: one(a, 'StateAbbreviation'),
      postalCode: one(a, 'PostalCode'),
      nameOfCounty: one(a, 'NameOfCounty'),
    }));
    const status = one(b, 'OperationalStatus');
    if (status) r.operationalStatusDescriptor = status;
    if (e.type === 'School') {
      r.gradeLevels = all(b, 'GradeLevel').map((g) => ({ gradeLevelDescriptor: g }));
      r.schoolCategories = all(b, 'SchoolCategory').map((c) => ({ schoolCategoryDescriptor: c }));
      const type = one(b, 'SchoolType');
      if (type) r.schoolTypeDescriptor = type;
      const charter = one(b, 'CharterStatus');
      if (charter) r.charterStatusDescriptor = charter;
      const lea = ref(b, 'LocalEducationAgencyReference');
      if (lea) r.localEducationAgencyReference = { localEducationAgencyId: Number(idOf.get(lea)) };
    }
    if (e.type === 'LocalEducationAgency') {
      r.localEducationAgencyCategoryDescriptor = one(b, 'LocalEducationAgencyCategory');
      const esc = ref(b, 'EducationServiceCenterReference');
      if (esc) r.educationServiceCenterReference = { educationServiceCenterId: Number(idOf.get(esc)) };
    }
    return r;
  });
}
