import { Alert, Loader } from '@mantine/core';
import { type ReactElement, useEffect, useState } from 'react';

/**
 * Shows a server PDF in the page from a blob URL: the app forbids being framed (CSP frame-ancestors
 * 'none'), so the file is fetched with the session cookie and shown from memory instead.
 */
export function PdfPreview({ src, title }: { src: string; title: string }): ReactElement {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    fetch(src, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) throw new Error('The PDF could not be loaded; rebuild the packet or reload the page.');
        made = URL.createObjectURL(await res.blob());
        setUrl(made);
      })
      .catch((e: Error) => setError(e.message));
    return () => {
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
      setError(null);
    };
  }, [src]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!url) return <Loader aria-label="Loading the PDF" />;
  return (
    <object data={url} type="application/pdf" width="100%" height="640" aria-label={title}>
      <a href={url} download="packet.pdf">
        Download the PDF
      </a>
    </object>
  );
}
