import { useState, type DragEvent } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { formatBytes } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { readFileText } from './readFileText';

/** A native file input (keyboard- and screen-reader-friendly) inside a zone that also accepts a drop. */
export function ImportFilePicker() {
  const { imports } = useAppStores();
  const file = useAppStore('imports', (s) => s.file);
  const [dragging, setDragging] = useState(false);

  const take = (chosen: File | undefined): void => {
    if (chosen) void imports.getState().chooseFile(chosen.name, chosen.size, () => readFileText(chosen));
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files[0]);
  };

  return (
    <div
      className={dragging ? 'drop-zone is-dragging' : 'drop-zone'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label className="field">
        <span>{t('import.file.choose')}</span>
        <input type="file" accept=".csv,.tsv,.jsonl,.ndjson,.json,text/csv,application/json" onChange={(e) => take(e.target.files?.[0])} />
      </label>
      <p className="muted">{t('import.file.drop')}</p>
      {file ? <p className="chosen-file">{t('import.file.chosen', { name: file.name, size: formatBytes(file.size) })}</p> : null}
    </div>
  );
}
