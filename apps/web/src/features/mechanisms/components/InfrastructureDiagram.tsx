// A unit's change infrastructure drawn like Appendix A and Exhibit 2: its mechanisms in bands from
// who leads to who facilitates and coaches, the mechanisms they link to above and below in rows of
// their own, and lines for the links. Each node is a link to the mechanism; the figure's caption
// carries the text description, so the drawing is never the only way to read it.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { INFRASTRUCTURE_BAND_LABELS, INFRASTRUCTURE_BANDS, MECHANISM_STATUS_LABELS, type InfrastructureNode } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isProblem } from '../../../lib/problem';
import { plural } from '../../../lib/format';
import { infrastructureQuery } from '../api/mechanismQueries';
import classes from './InfrastructureDiagram.module.css';

interface Row {
  key: string;
  label: string;
  nodes: InfrastructureNode[];
}

function rowsOf(unitName: string, nodes: InfrastructureNode[]): Row[] {
  const at = (level: InfrastructureNode['level']) => nodes.filter((n) => n.level === level);
  return [
    { key: 'above', label: 'Linked above', nodes: at('above') },
    ...INFRASTRUCTURE_BANDS.map((band) => ({ key: band, label: `${INFRASTRUCTURE_BAND_LABELS[band]} at ${unitName}`, nodes: at('this').filter((n) => n.band === band) })),
    { key: 'below', label: 'Linked below', nodes: at('below') },
  ].filter((r) => r.nodes.length > 0);
}

interface Line {
  lowerId: string;
  upperId: string;
  /** SVG path data. */
  d: string;
}

/**
 * Measures where each link runs, as a path in the gaps between rows so it never crosses a node:
 * up from the lower node into the gap above its row; straight across to the upper node when that
 * is the next row up, otherwise along the right-hand edge to the gap below the upper node's row.
 */
function useLinkLines(links: readonly { lowerId: string; upperId: string }[]) {
  const container = useRef<HTMLDivElement>(null);
  const [lines, setLines] = useState<Line[]>([]);
  useLayoutEffect(() => {
    const box = container.current;
    if (!box) return;
    const measure = () => {
      const origin = box.getBoundingClientRect();
      const rows = [...box.querySelectorAll<HTMLElement>('[data-row]')].map((r) => r.getBoundingClientRect());
      const node = (id: string) => {
        const el = box.querySelector<HTMLElement>(`[data-node="${CSS.escape(id)}"]`);
        return el ? { rect: el.getBoundingClientRect(), row: Number(el.closest<HTMLElement>('[data-row]')?.dataset.row) } : null;
      };
      const gapAbove = (row: number) => (rows[row - 1]!.bottom + rows[row]!.top) / 2 - origin.top;
      const next: Line[] = [];
      let detours = 0;
      for (const l of links) {
        const lower = node(l.lowerId);
        const upper = node(l.upperId);
        if (!lower || !upper || !(lower.row > upper.row)) continue;
        const x1 = lower.rect.left + lower.rect.width / 2 - origin.left;
        const x2 = upper.rect.left + upper.rect.width / 2 - origin.left;
        const from = `M ${x1} ${lower.rect.top - origin.top} V ${gapAbove(lower.row)}`;
        const to = `H ${x2} V ${upper.rect.bottom - origin.top}`;
        const edge = origin.width - 4 - 6 * detours;
        next.push({ ...l, d: lower.row - upper.row === 1 ? `${from} ${to}` : `${from} H ${edge} V ${gapAbove(upper.row + 1)} ${to}` });
        if (lower.row - upper.row > 1) detours++;
      }
      setLines(next);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [links]);
  return { container, lines };
}

function NodeLink({ node, linkedOutOfSight }: { node: InfrastructureNode; linkedOutOfSight: boolean }) {
  return (
    <AnchorLink to="/mechanisms/$mechanismId" params={{ mechanismId: node.id }} className={classes.node} data-node={node.id} data-level={node.level} underline="never">
      <span className={classes.name}>{node.name}</span>
      <Text component="span" size="xs" c="dimmed" display="block">
        {node.kindName}
        {node.level === 'this' ? '' : ` at ${node.unitName}`}
      </Text>
      <Text component="span" size="xs" c="dimmed" display="block">
        {MECHANISM_STATUS_LABELS[node.status]} · {plural(node.memberCount, 'member')}
      </Text>
      {linkedOutOfSight && (
        <Text component="span" size="xs" c="dimmed" display="block">
          Linked up to a unit you cannot see
        </Text>
      )}
    </AnchorLink>
  );
}

export function InfrastructureDiagram({ unitId }: { unitId: string }) {
  const infrastructure = useQuery(infrastructureQuery(unitId));
  const data = infrastructure.data;
  // Retired mechanisms are history, not infrastructure: the description leaves them out too.
  const { nodes, links } = useMemo(() => {
    const kept = (data?.nodes ?? []).filter((n) => n.status !== 'retired');
    const drawn = new Set(kept.map((n) => n.id));
    return { nodes: kept, links: (data?.links ?? []).filter((l) => drawn.has(l.lowerId) && drawn.has(l.upperId)) };
  }, [data]);
  const { container, lines } = useLinkLines(links);

  if (infrastructure.isPending) return <Loading label="Loading the diagram…" />;
  if (infrastructure.isError) return isProblem(infrastructure.error, 403) ? null : <ProblemAlert error={infrastructure.error} title="Could not load the diagram" />;
  if (nodes.length === 0) return null;

  const rows = rowsOf(infrastructure.data.unitName, nodes);
  return (
    <figure style={{ margin: 0 }} aria-labelledby="infrastructure-caption" data-testid="infrastructure-diagram">
      <div ref={container} className={classes.diagram}>
        <svg className={classes.lines} aria-hidden="true" focusable="false">
          {lines.map((l) => (
            <path key={`${l.lowerId}-${l.upperId}`} data-lower={l.lowerId} data-upper={l.upperId} d={l.d} fill="none" stroke="var(--mantine-color-gray-6)" strokeWidth={2} />
          ))}
        </svg>
        {rows.map((r, i) => (
          <div key={r.key} className={classes.row} data-row={i}>
            <Text size="sm" fw={600} className={classes.band} id={`band-${r.key}`}>
              {r.label}
            </Text>
            <ul className={classes.nodes} aria-labelledby={`band-${r.key}`}>
              {r.nodes.map((n) => (
                <li key={n.id}>
                  <NodeLink node={n} linkedOutOfSight={n.level === 'this' && n.upperMechanismId !== null && !links.some((l) => l.lowerId === n.id)} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <figcaption>
        <Text size="sm" c="dimmed" mt="sm" id="infrastructure-caption">
          Diagram of the change infrastructure at {infrastructure.data.unitName}: who leads, steers, plans, implements and supports, top to bottom; lines join mechanisms linked across levels.
        </Text>
        <details>
          <Text component="summary" size="sm" fw={500} style={{ cursor: 'pointer' }}>
            Text description
          </Text>
          <ul data-testid="infrastructure-description">
            {infrastructure.data.description.map((line) => (
              <Text component="li" size="sm" key={line}>
                {line}
              </Text>
            ))}
          </ul>
        </details>
      </figcaption>
    </figure>
  );
}
