/** A description list of facts ("State: In progress"), each pair grouped so that it wraps as one. */
import type { ReactNode } from 'react';

export function Facts({ children, className }: { children: ReactNode; className?: string }) {
  return <dl className={`facts${className ? ` ${className}` : ''}`}>{children}</dl>;
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="facts-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
