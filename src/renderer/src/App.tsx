export function App() {
  return <div>Spanwise</div>;
}
