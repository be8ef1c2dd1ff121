// A unit's change infrastructure drawn like Appendix A and Exhibit 2: its mechanisms in bands from
// who leads to who facilitates and coaches, the mechanisms they link to above and below in rows of
// their own, and lines for the links. Each node is a link to the mechanism; the figure's caption
// carries the text description, so the drawing is never the only way to read it.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { INFRASTRUCTURE_BAND_LABELS, INFRASTRUCTURE_BANDS, type InfrastructureNode } from '@trellis/core';
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

interface Line {
  lowerId: string;
  upperId: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function rowsOf(unitName: string, nodes: InfrastructureNode[]): Row[] {
  const at = (level: InfrastructureNode['level']) => nodes.filter((n) => n.level === level);
  return [
    { key: 'above', label: 'Linked above', nodes: at('above') },
    ...INFRASTRUCTURE_BANDS.map((band) => ({ key: band, label: `${INFRASTRUCTURE_BAND_LABELS[band]} at ${unitName}`, nodes: at('this').filter((n) => n.band === band) })),
    { key: 'below', label: 'Linked below', nodes: at('below') },
  ].filter((r) => r.nodes.length > 0);
}

/** Measures where each link runs: from the top of the lower node to the bottom of the upper one. */
function useLinkLines(links: readonly { lowerId: string; upperId: string }[]) {
  const container = useRef<HTMLDivElement>(null);
  const [lines, setLines] = useState<Line[]>([]);
  useLayoutEffect(() => {
    const box = container.current;
    if (!box) return;
    const measure = () => {
      const origin = box.getBoundingClientRect();
      const rect = (id: string) => box.querySelector(`[data-node="${CSS.escape(id)}"]`)?.getBoundingClientRect();
      const next: Line[] = [];
      for (const l of links) {
        const lower = rect(l.lowerId);
        const upper = rect(l.upperId);
        if (!lower || !upper) continue;
        next.push({ ...l, x1: lower.left + lower.width / 2 - origin.left, y1: lower.top - origin.top, x2: upper.left + upper.width / 2 - origin.left, y2: upper.bottom - origin.top });
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

function NodeLink({ node }: { node: InfrastructureNode }) {
  return (
    <AnchorLink to="/mechanisms/$mechanismId" params={{ mechanismId: node.id }} className={classes.node} data-node={node.id} data-level={node.level} underline="never">
      <span className={classes.name}>{node.name}</span>
      <Text component="span" size="xs" c="dimmed" display="block">
        {node.kindName}
        {node.level === 'this' ? '' : ` at ${node.unitName}`}
      </Text>
      <Text component="span" size="xs" c="dimmed" display="block">
        {node.status.charAt(0).toUpperCase() + node.status.slice(1)} · {plural(node.memberCount, 'member')}
      </Text>
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
            <line key={`${l.lowerId}-${l.upperId}`} data-lower={l.lowerId} data-upper={l.upperId} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} stroke="var(--mantine-color-gray-6)" strokeWidth={2} />
          ))}
        </svg>
        {rows.map((r) => (
          <div key={r.key} className={classes.row}>
            <Text size="sm" fw={600} className={classes.band} id={`band-${r.key}`}>
              {r.label}
            </Text>
            <ul className={classes.nodes} aria-labelledby={`band-${r.key}`}>
              {r.nodes.map((n) => (
                <li key={n.id}>
                  <NodeLink node={n} />
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
