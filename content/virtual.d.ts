declare module 'virtual:content' {
  const content: import('./schema').Content
  export default content
}
