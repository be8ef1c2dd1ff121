// The signed-in person's plan tasks across every plan, from the plans feature.
import { MyTasksPage } from '../../features/plans/components/MyTasksPage';

export function MyTasksRoute() {
  return <MyTasksPage />;
}
