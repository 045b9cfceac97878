import { ComponentDialog } from 'botbuilder-dialogs';
import { MenuRegistry } from '../../src/bot/MenuRegistry.js';

const entry = (id: string) => ({ id, labelKey: id, dialog: new ComponentDialog(id) });

describe('MenuRegistry', () => {
  it('shows entries registered first ahead of the others, and matches in registration order', () => {
    const menu = new MenuRegistry().register(entry('menu.legal')).register(entry('menu.report'), { first: true }).register(entry('menu.lookup'), { first: true }).register(entry('menu.handoff'));
    expect(menu.shown().map((e) => e.id)).toEqual(['menu.report', 'menu.lookup', 'menu.legal', 'menu.handoff']);
    expect(menu.entries().map((e) => e.id)).toEqual(['menu.legal', 'menu.report', 'menu.lookup', 'menu.handoff']);
  });

  it('refuses an id registered twice', () => {
    expect(() => new MenuRegistry().register(entry('a')).register(entry('a'))).toThrow('registered twice');
  });
});
