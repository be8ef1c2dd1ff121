export function DesignDocumentPage({ unitId }: { unitId: string }) {
  return <div>{unitId}</div>;
}
