import { OpenClients } from './open-clients';

describe('OpenClients', () => {
  it('stops every open consumer before closing every open producer, and forgets what closed on its own', async () => {
    const order: string[] = [];
    const producer = (name: string) => ({ close: async () => void order.push(`close ${name}`) });
    const consumer = (name: string) => ({ stop: async () => void order.push(`stop ${name}`) });
    const clients = new OpenClients<ReturnType<typeof producer>, ReturnType<typeof consumer>>();
    const p1 = clients.addProducer(producer('p1'));
    clients.addProducer(producer('p2'));
    const c1 = clients.addConsumer(consumer('c1'));
    clients.addConsumer(consumer('c2'));

    await c1.stop();
    clients.forgetProducer(p1);
    expect(order).toEqual(['stop c1']);

    await clients.closeAll();
    expect(order).toEqual(['stop c1', 'stop c2', 'close p2']);
    await clients.closeAll();
    expect(order).toHaveLength(3);
  });
});
