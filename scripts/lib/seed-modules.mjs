import { randomUUID } from 'node:crypto';
// Seeds the demo tenant's projects, bookings, shop, till and fleet through the public API (the same
// mutations users call). Orders for customers become invoices, sales move stock, costs reach
// analytics: all through the real event flow.

const GQL = {
  template:
    'mutation($input: CreateProjectTemplateInput!) { createProjectTemplate(input: $input) { projectTemplate { id } userErrors { field message code } } }',
  dealWonTemplate: 'mutation($input: SetDealWonTemplateInput!) { setDealWonTemplate(input: $input) { userErrors { field message code } } }',
  project: 'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } userErrors { field message code } } }',
  projectStatus: 'mutation($input: ChangeProjectStatusInput!) { changeProjectStatus(input: $input) { userErrors { field message code } } }',
  task: 'mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } userErrors { field message code } } }',
  assign: 'mutation($input: AssignTaskInput!) { assignTask(input: $input) { userErrors { field message code } } }',
  taskState: 'mutation($input: ChangeTaskStateInput!) { changeTaskState(input: $input) { userErrors { field message code } } }',
  logTime: 'mutation($input: LogTimeInput!) { logTime(input: $input) { userErrors { field message code } } }',
  service: 'mutation($input: CreateServiceInput!) { createService(input: $input) { service { id } userErrors { field message code } } }',
  resource:
    'mutation($input: CreateResourceInput!) { createResource(input: $input) { resource { id } userErrors { field message code } } }',
  availability:
    'mutation($input: SetWeeklyAvailabilityInput!) { setWeeklyAvailability(input: $input) { userErrors { field message code } } }',
  appointment:
    'mutation($input: RequestAppointmentInput!) { requestAppointment(input: $input) { appointment { id } userErrors { field message code } } }',
  confirm: 'mutation($input: AppointmentTransitionInput!) { confirmAppointment(input: $input) { userErrors { field message code } } }',
  product: 'mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } userErrors { field message code } } }',
  variant: 'mutation($input: AddVariantInput!) { addVariant(input: $input) { variant { id sku name } userErrors { field message code } } }',
  location:
    'mutation($input: CreateStockLocationInput!) { createStockLocation(input: $input) { stockLocation { id } userErrors { field message code } } }',
  receive: 'mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { userErrors { field message code } } }',
  order: 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { field message code } } }',
  confirmOrder: 'mutation($input: OrderIdInput!) { confirmOrder(input: $input) { userErrors { field message code } } }',
  fulfil: 'mutation($input: FulfillOrderInput!) { fulfillOrder(input: $input) { userErrors { field message code } } }',
  cancelOrder: 'mutation($input: OrderIdInput!) { cancelOrder(input: $input) { userErrors { field message code } } }',
  register:
    'mutation($input: CreateRegisterInput!) { createRegister(input: $input) { register { id } userErrors { field message code } } }',
  openSession: 'mutation($input: OpenSessionInput!) { openSession(input: $input) { session { id } userErrors { field message code } } }',
  sale: 'mutation($input: SubmitSaleInput!) { submitSale(input: $input) { sale { id } userErrors { field message code } } }',
  vehicle: 'mutation($input: CreateVehicleInput!) { createVehicle(input: $input) { vehicle { id } userErrors { field message code } } }',
  driver: 'mutation($input: AssignDriverInput!) { assignDriver(input: $input) { userErrors { field message code } } }',
  trip: 'mutation($input: RecordTripInput!) { recordTrip(input: $input) { userErrors { field message code } } }',
  fuel: 'mutation($input: LogFuelInput!) { logFuel(input: $input) { userErrors { field message code } } }',
  maintenance: 'mutation($input: LogMaintenanceInput!) { logMaintenance(input: $input) { userErrors { field message code } } }',
  reminder: 'mutation($input: SetServiceReminderInput!) { setServiceReminder(input: $input) { userErrors { field message code } } }',
};

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const at = (offset, hour) =>
  new Date(
    Date.UTC(
      ...day(offset)
        .split('-')
        .map((v, i) => (i === 1 ? Number(v) - 1 : Number(v))),
      hour,
    ),
  ).toISOString();

/**
 * `call(query, variables)` runs one mutation as the demo owner and returns its payload (throwing on
 * errors and userErrors). `team` are HR employee ids; `contacts` CRM contacts `{ id, name }`.
 */
export async function seedModules(call, { team, contacts }) {
  const counts = { projects: 0, appointments: 0, orders: 0, sales: 0, vehicles: 0 };

  // Projects: a template won deals start from, and three running projects with tasks and time.
  const { projectTemplate } = await call(GQL.template, {
    input: {
      name: 'Website launch',
      columns: ['Backlog', 'Doing', 'Review', 'Done'],
      taskTitles: ['Kick-off workshop', 'Sitemap', 'Design', 'Build', 'Launch'],
    },
  });
  await call(GQL.dealWonTemplate, { input: { templateId: projectTemplate.id } });
  const [designer, developer] = [team[4], team[5]];
  for (const [i, name] of ['Brand refresh', 'E-shop build', 'Quarterly retainer'].entries()) {
    const { project } = await call(GQL.project, {
      input: { name, contactId: contacts[i * 3].id, startDate: day(-20 + i * 5), dueDate: day(30 + i * 10) },
    });
    counts.projects += 1;
    await call(GQL.projectStatus, { input: { projectId: project.id, status: 'ACTIVE' } });
    for (const [k, title] of ['Discovery', 'Moodboard', 'First draft', 'Client review', 'Final files'].entries()) {
      const { task } = await call(GQL.task, { input: { projectId: project.id, title } });
      await call(GQL.assign, { input: { taskId: task.id, employeeId: k % 2 ? developer : designer } });
      if (k < 2) {
        await call(GQL.taskState, { input: { taskId: task.id, state: 'IN_PROGRESS' } });
        await call(GQL.logTime, {
          input: { taskId: task.id, employeeId: k % 2 ? developer : designer, date: day(-k - 1), minutes: 90 + k * 30, billable: true },
        });
        if (k === 0) await call(GQL.taskState, { input: { taskId: task.id, state: 'DONE' } });
      }
    }
  }

  // Booking: two services by the lead designer, weekdays 09:00-17:00 London time; appointments ahead.
  const services = [];
  for (const [name, minutes, price] of [
    ['Design consultation', 60, '150.00'],
    ['Portfolio review', 30, '60.00'],
  ]) {
    const { service } = await call(GQL.service, {
      input: { name, durationMinutes: minutes, price: { amount: price, currency: 'EUR' }, bufferAfterMinutes: 15 },
    });
    services.push(service.id);
  }
  const { resource } = await call(GQL.resource, {
    input: { name: 'Nadia Haddad', kind: 'STAFF', employeeId: designer, timeZone: 'Europe/London', serviceIds: services },
  });
  await call(GQL.availability, {
    input: {
      resourceId: resource.id,
      days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({
        weekday,
        intervals: [{ start: '09:00', end: '17:00' }],
      })),
    },
  });
  for (let offset = 1, made = 0; made < 5 && offset < 14; offset += 1) {
    const weekday = new Date(`${day(offset)}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const { appointment } = await call(GQL.appointment, {
      input: { serviceId: services[made % 2], resourceId: resource.id, contactId: contacts[10 + made].id, startsAt: at(offset, 11) },
    });
    if (made % 2 === 0) await call(GQL.confirm, { input: { appointmentId: appointment.id } });
    made += 1;
    counts.appointments += 1;
  }

  // Commerce: printed goods in a warehouse and the studio shop; orders for customers (-> invoices).
  const { stockLocation: warehouse } = await call(GQL.location, { input: { name: 'Warehouse', kind: 'WAREHOUSE' } });
  const { stockLocation: shop } = await call(GQL.location, { input: { name: 'Studio shop', kind: 'SHOP' } });
  const variants = [];
  for (const [product, options] of [
    [
      'Art print A3',
      [
        ['PRINT-A3-MATTE', 'Matte', '29.00'],
        ['PRINT-A3-GLOSS', 'Gloss', '32.00'],
      ],
    ],
    [
      'Notebook',
      [
        ['NOTE-DOT', 'Dotted', '14.50'],
        ['NOTE-LINE', 'Lined', '14.50'],
      ],
    ],
    ['Tote bag', [['TOTE-NAT', 'Natural', '19.90']]],
  ]) {
    const created = await call(GQL.product, { input: { name: product } });
    for (const [sku, name, price] of options) {
      const { variant } = await call(GQL.variant, {
        input: { productId: created.product.id, sku, name, prices: [{ amount: price, currency: 'EUR' }] },
      });
      variants.push({ ...variant, price });
      await call(GQL.receive, { input: { variantId: variant.id, locationId: warehouse.id, quantity: 40 } });
      await call(GQL.receive, { input: { variantId: variant.id, locationId: shop.id, quantity: 15 } });
    }
  }
  for (let i = 0; i < 4; i += 1) {
    const { order } = await call(GQL.order, {
      input: {
        contactId: contacts[20 + i].id,
        currency: 'EUR',
        locationId: warehouse.id,
        lines: [
          { variantId: variants[i % variants.length].id, quantity: 1 + (i % 3) },
          { variantId: variants[4].id, quantity: 1 },
        ],
      },
    });
    counts.orders += 1;
    if (i < 3) await call(GQL.confirmOrder, { input: { orderId: order.id } });
    if (i < 2) await call(GQL.fulfil, { input: { orderId: order.id } });
    if (i === 3) await call(GQL.cancelOrder, { input: { orderId: order.id } });
  }

  // POS: the shop's till, an open session and a morning of sales (-> stock out of the shop).
  const { register } = await call(GQL.register, { input: { name: 'Front desk', locationId: shop.id, currency: 'EUR' } });
  await call(GQL.openSession, { input: { registerId: register.id, openingFloat: '150.00' } });
  for (let i = 0; i < 6; i += 1) {
    const items = [variants[i % variants.length], variants[(i + 2) % variants.length]];
    const total = items.reduce((sum, item) => sum + Number(item.price), 0);
    // Priced by POS from its copy of the catalogue, which follows commerce's events: a variant added a
    // moment ago may not have reached it yet (UNKNOWN_VARIANT), so a sale waits for it (up to 30 s).
    const input = {
      registerId: register.id,
      idempotencyKey: randomUUID(),
      lines: items.map((item) => ({ variantId: item.id, quantity: 1 })),
      payments: [i % 2 ? { method: 'CARD', amount: total.toFixed(2) } : { method: 'CASH', amount: String(Math.ceil(total / 10) * 10) }],
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await call(GQL.sale, { input });
        break;
      } catch (error) {
        if (attempt >= 60 || !String(error).includes('UNKNOWN_VARIANT')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    counts.sales += 1;
  }

  // Fleet: two vans driven by the developer, with trips, fuel, a service and reminders.
  for (const [plate, vin, model, odometer] of [
    ['NW21 STU', 'WF0XXXTTGXKA12345', 'Transit Custom', 48210],
    ['NW23 DSN', 'VF1MA000064512345', 'Kangoo E-Tech', 12950],
  ]) {
    const { vehicle } = await call(GQL.vehicle, {
      input: {
        plate,
        vin,
        make: model.startsWith('Transit') ? 'Ford' : 'Renault',
        model,
        year: 2022,
        odometer,
        odometerUnit: 'KM',
        currency: 'EUR',
      },
    });
    counts.vehicles += 1;
    await call(GQL.driver, { input: { vehicleId: vehicle.id, employeeId: developer } });
    let reading = odometer;
    for (let trip = 0; trip < 4; trip += 1) {
      const distance = 35 + trip * 22;
      await call(GQL.trip, {
        input: {
          vehicleId: vehicle.id,
          driverId: developer,
          startedAt: at(-8 + trip * 2, 8),
          endedAt: at(-8 + trip * 2, 10),
          startOdometer: reading,
          endOdometer: reading + distance,
        },
      });
      reading += distance;
    }
    await call(GQL.fuel, {
      input: {
        vehicleId: vehicle.id,
        date: day(-1),
        quantity: '48.5',
        unit: 'L',
        cost: { amount: '86.30', currency: 'EUR' },
        odometer: reading,
      },
    });
    await call(GQL.maintenance, {
      input: {
        vehicleId: vehicle.id,
        date: day(0),
        description: 'Annual service',
        serviceKind: 'ANNUAL_SERVICE',
        cost: { amount: '310.00', currency: 'EUR' },
        odometer: reading,
      },
    });
    await call(GQL.reminder, { input: { vehicleId: vehicle.id, kind: 'ANNUAL_SERVICE', everyDistance: 20000, everyMonths: 12 } });
  }
  return counts;
}
