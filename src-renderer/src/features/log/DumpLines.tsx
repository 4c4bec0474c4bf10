import type { DumpLine } from './preview';

/** A hex dump's lines: offset, hex and text columns (a log row's dump and the byte inspector's). */
export function DumpLines({ lines }: { lines: DumpLine[] }) {
  return (
    <>
      {lines.map((line) => (
        <div key={line.offset} className="dump-line">
          <span className="dump-offset">{line.offset}</span>
          <span className="dump-hex">{line.hex}</span>
          <span className="dump-text">{line.text}</span>
        </div>
      ))}
    </>
  );
}
