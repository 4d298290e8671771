/** Opens an import file with the reader of its format (DesInventar XML export, .xml or .zip). */
import { extname } from 'node:path';
import { readDesInventarXml } from '../../formats/desinventar-xml/read.ts';
import type { ImportSource } from '../../formats/model.ts';
import { AppError } from '../../shared/errors.ts';

/** Extensions a DesInventar export may have. */
export const DESINVENTAR_EXTENSIONS = ['.xml', '.zip'];

/** A DesInventar export as an import source; `language` names the language of its local names. */
export function openDesInventarSource(path: string, language?: string): ImportSource {
  if (!DESINVENTAR_EXTENSIONS.includes(extname(path).toLowerCase()))
    throw new AppError('validation_failed', `${path}: a DesInventar export is a .xml or .zip file`);
  return readDesInventarXml(path, language ? { language } : {});
}
