// The small modules: shell, safeStorage, Menu, nativeTheme (dialog is in dialog.ts).
import { EventEmitter } from 'node:events';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from './app';
import { config, record } from './runtime';

export const shell = {
  // Recorded, never opened: a test must not launch the machine's browser.
  async openExternal(url: string): Promise<void> {
    record({ kind: 'shell.openExternal', url });
  },
  async openPath(path: string): Promise<string> {
    record({ kind: 'shell.openPath', path });
    return '';
  },
  showItemInFolder(path: string): void {
    record({ kind: 'shell.showItemInFolder', path });
  },
};

/**
 * safeStorage in three modes (CORDON_STANDIN_SAFE_STORAGE): "available" (a keychain such as
 * libsecret), "basic_text" (Linux without a keychain: Chromium encrypts with a hard-coded
 * password) and "unavailable". The key is a random file in the stand-in's root, so a
 * second start of the main process on the same root finds the same "keychain".
 * Not faithful: the ciphertext format (AES-256-GCM) is not Chromium's.
 */
function keychainKey(): Buffer {
  const file = join(config.root, 'standin-keychain.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
  return readFileSync(file);
}

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    // On Linux, false until the app is ready.
    return app.isReady() && config.safeStorage !== 'unavailable';
  },
  isAsyncEncryptionAvailable: async (): Promise<boolean> => safeStorage.isEncryptionAvailable(),
  getSelectedStorageBackend(): string {
    if (process.platform !== 'linux') throw new Error('getSelectedStorageBackend is only available on Linux');
    if (!app.isReady()) return 'unknown';
    return config.safeStorage === 'available' ? 'gnome_libsecret' : config.safeStorage === 'basic_text' ? 'basic_text' : 'unknown';
  },
  setUsePlainTextEncryption(): void {},
  encryptString(plainText: string): Buffer {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keychainKey(), iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    record({ kind: 'safeStorage.encryptString' });
    return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted: Buffer): string {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', keychainKey(), encrypted.subarray(3, 15));
      decipher.setAuthTag(encrypted.subarray(15, 31));
      const text = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
      record({ kind: 'safeStorage.decryptString' });
      return text;
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
};

interface MenuItemOptions {
  label?: string;
  role?: string;
  type?: string;
  submenu?: MenuItemOptions[] | StandinMenu;
  click?: (...args: unknown[]) => void;
  [key: string]: unknown;
}

/** A menu is only recorded: there is no menu bar to click in a headless page. */
export class StandinMenu {
  constructor(readonly items: MenuItemOptions[] = []) {}

  static buildFromTemplate(template: MenuItemOptions[]): StandinMenu {
    return new StandinMenu(template.map((item) => ({ ...item, submenu: Array.isArray(item.submenu) ? StandinMenu.buildFromTemplate(item.submenu) : item.submenu })));
  }

  static setApplicationMenu(menu: StandinMenu | null): void {
    applicationMenu = menu;
    const describe = (items: MenuItemOptions[]): unknown[] =>
      items.map((item) => (item.submenu instanceof StandinMenu ? { name: item.label ?? item.role, submenu: describe(item.submenu.items) } : item.label ?? item.role ?? item.type));
    record({ kind: 'Menu.setApplicationMenu', menu: menu ? describe(menu.items) : null });
  }

  static getApplicationMenu(): StandinMenu | null {
    return applicationMenu;
  }

  append(item: MenuItemOptions): void {
    this.items.push(item);
  }
}

let applicationMenu: StandinMenu | null = null;

export const nativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: config.darkColors,
  shouldUseHighContrastColors: false,
  themeSource: 'system' as 'system' | 'light' | 'dark',
});
