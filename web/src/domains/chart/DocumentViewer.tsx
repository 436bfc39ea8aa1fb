import { Alert, Loader, Modal } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';
import { type ChartDocument, documentBlobUrl } from './chart.api.ts';

/** Shows a document in the page: PDFs in an embedded viewer, images inline (from a blob URL). */
export function DocumentViewer(props: { doc: ChartDocument | null; onClose: () => void }): ReactElement {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!props.doc) return;
    let made: string | null = null;
    documentBlobUrl(props.doc.id)
      .then((u) => {
        made = u;
        setUrl(u);
      })
      .catch((e: Error) => setError(e.message));
    return () => {
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
      setError(null);
    };
  }, [props.doc]);
  const d = props.doc;
  return (
    <Modal opened={d !== null} onClose={props.onClose} title={d?.title ?? ''} size="80%">
      {error && <Alert color="red">{error}</Alert>}
      {!url && !error && <Loader aria-label="Loading document" />}
      {url && d?.mediaType === 'application/pdf' && (
        <object data={url} type="application/pdf" width="100%" height="600" aria-label={d.title}>
          <a href={url} download={`${d.title}.pdf`}>
            Download the PDF
          </a>
        </object>
      )}
      {url && d && d.mediaType !== 'application/pdf' && (
        <img src={url} alt={d.title} style={{ maxWidth: '100%' }} />
      )}
    </Modal>
  );
}
